import { describe, expect, it } from "vitest";
import { checkJsonSchema, type JsonValidator } from "./json-schema.js";

/** Accepts objects with a string "answer", as an ajv-compiled schema would. */
const validate: JsonValidator = (value) =>
  typeof value === "object" && value !== null && typeof (value as { answer?: unknown }).answer === "string" ? { ok: true } : { ok: false, reason: "/answer: must be string" };

describe("checkJsonSchema", () => {
  it.each([
    ["a valid object", '{"answer": "42"}'],
    ["surrounding whitespace", '\n  {"answer": "42"}  \n'],
    ["a json code fence", '```json\n{"answer": "42"}\n```'],
    ["a bare code fence", '```\n{"answer": "42"}\n```'],
  ])("passes %s", (_, text) => {
    expect(checkJsonSchema(text, validate)).toEqual({ triggered: false });
  });

  it("triggers on a value the schema rejects, with its reason", () => {
    expect(checkJsonSchema('{"answer": 42}', validate)).toEqual({ triggered: true, reason: "/answer: must be string" });
  });

  it.each([
    ["prose", "The answer is 42."],
    ["JSON followed by prose", '{"answer": "42"} Hope this helps!'],
    ["an empty text", ""],
  ])("triggers on %s, which is not JSON", (_, text) => {
    const finding = checkJsonSchema(text, validate);
    expect(finding.triggered).toBe(true);
    expect(finding.reason).toMatch(/^not JSON: /);
  });
});
