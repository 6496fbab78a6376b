import { describe, expect, it } from "vitest";
import { parseLabel } from "./label-spelling.js";

describe("parseLabel", () => {
  it.each(["pass", "PASS", " Pass ", "1", "yes", "Y", "✅", "good", "TRUE", 1, true])("reads %j as pass", (value) => {
    expect(parseLabel(value)).toBe("pass");
  });
  it.each(["fail", "FAIL", "0", "no", "n", "❌", "bad", "False", 0, false])("reads %j as fail", (value) => {
    expect(parseLabel(value)).toBe("fail");
  });
  it.each(["", "   ", null])("reads %j as unlabelled", (value) => {
    expect(parseLabel(value)).toBeNull();
  });
  it.each(["maybe", "2", "passed?", 0.5])("does not guess at %j", (value) => {
    expect(parseLabel(value)).toBeUndefined();
  });
});
