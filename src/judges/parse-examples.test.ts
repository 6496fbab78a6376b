import { describe, expect, it } from "vitest";
import { parseExamples } from "./parse-examples.js";

const line = (verdict: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ input: "q", output: "a", critique: `because ${verdict}`, verdict, ...extra });

describe("parseExamples", () => {
  it("reads 2 to 8 examples, skipping blank lines", () => {
    const parsed = parseExamples([line("PASS"), "", line("FAIL", { context: "doc" })].join("\n"), "ex.jsonl");
    expect(parsed.ok && parsed.examples.map((e) => e.verdict)).toEqual(["PASS", "FAIL"]);
  });

  it.each([
    { count: 1, found: "found 1" },
    { count: 9, found: "found 9" },
  ])("rejects $count examples", ({ count, found }) => {
    const parsed = parseExamples(Array.from({ length: count }, () => line("PASS")).join("\n"), "ex.jsonl");
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ file: "ex.jsonl", message: expect.stringContaining(`Expected 2 to 8 examples, ${found}`) as unknown }]);
  });

  it("locates bad lines by number and field", () => {
    const parsed = parseExamples([line("PASS"), "{not json", line("MAYBE"), JSON.stringify({ output: "a", critique: "c", verdict: "PASS" })].join("\n"), "ex.jsonl");
    expect(parsed.ok ? [] : parsed.issues).toMatchInlineSnapshot(`
      [
        {
          "file": "ex.jsonl",
          "line": 2,
          "message": "Not valid JSON (Expected property name or '}' in JSON at position 1); each line must hold one complete JSON object",
        },
        {
          "file": "ex.jsonl",
          "line": 3,
          "message": "verdict: Expected one of "PASS", "FAIL", received "MAYBE"",
        },
        {
          "file": "ex.jsonl",
          "line": 4,
          "message": "input: Missing required key "input" (expected nonoptional)",
        },
      ]
    `);
  });
});
