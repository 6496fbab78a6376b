import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine } from "./csv-line.js";

const reference = (fields: string[]) => stringify([fields], { escape_formulas: true });

describe("csvLine", () => {
  it("writes what csv-stringify writes with escape_formulas, on random text", () => {
    const special = fc.constantFrom(",", '"', "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", "'", " ", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", "é", "✓");
    const text = fc.array(fc.oneof(special, fc.string({ maxLength: 4 })), { maxLength: 6 }).map((parts) => parts.join(""));
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (fields) => csvLine(fields) === reference(fields)), { numRuns: 2000 });
  });

  it("quotes, doubles quotes and makes formulas inert", () => {
    expect(csvLine(["a", "", '=HYPERLINK("x")\nline, 2', "-1", "plain"])).toMatchInlineSnapshot(`
      "a,,"'=HYPERLINK(""x"")
      line, 2",'-1,plain
      "
    `);
  });
});
