import { describe, expect, it } from "vitest";
import { derivedCaseId } from "./case-id.js";

describe("derivedCaseId", () => {
  it("is a readable prefix, a slug and a short hash of the key", () => {
    // sha256("tr-7f3a9c") starts 2834abc0 (node -e "crypto.createHash('sha256').update('tr-7f3a9c').digest('hex')").
    expect(derivedCaseId("trace", "tr-7f3a9c")).toBe("trace-tr-7f3a9c-2834abc0");
  });

  it("is stable for a key and distinct for keys whose slugs collide", () => {
    expect(derivedCaseId("trace", "A/B")).toBe(derivedCaseId("trace", "A/B"));
    expect(derivedCaseId("trace", "a/b")).not.toBe(derivedCaseId("trace", "A/B"));
  });

  it("cuts long keys to a readable length and keeps ids one line", () => {
    const id = derivedCaseId("trace", `tr-${"f".repeat(64)}\nnext`);
    expect(id).toMatch(/^trace-tr-f{37}-[0-9a-f]{8}$/);
    expect(derivedCaseId("trace", "★★★")).toMatch(/^trace-[0-9a-f]{8}$/);
  });
});
