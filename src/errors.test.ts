import { describe, expect, it } from "vitest";
import { TargetError, evalgateErrorCode } from "./errors.js";

describe("evalgateErrorCode", () => {
  it("reads the code of an evalgate error, also from another copy of the package", () => {
    expect(evalgateErrorCode(new TargetError("boom"))).toBe("TARGET_FAILED");
    // What a target module loaded through its own copy of evalgate throws: same shape, other class.
    const foreign = Object.assign(new Error("upstream said no"), { name: "TargetError", code: "TARGET_TIMEOUT" });
    expect(evalgateErrorCode(foreign)).toBe("TARGET_TIMEOUT");
  });

  it("ignores codes that are not evalgate's, and non-errors", () => {
    expect(evalgateErrorCode(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBeUndefined();
    expect(evalgateErrorCode({ code: "TARGET_FAILED" })).toBeUndefined();
    expect(evalgateErrorCode(undefined)).toBeUndefined();
  });
});
