import { describe, expect, it } from "vitest";
import { CheckConfigSchema } from "./checks-schema.js";

function problems(config: unknown): { path: string; message: string }[] {
  const result = CheckConfigSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("CheckConfigSchema", () => {
  it("applies defaults", () => {
    expect(CheckConfigSchema.parse({ type: "regex", pattern: "x" })).toEqual({ type: "regex", pattern: "x", flags: "", mode: "must-match", gating: false, timeout_ms: 10_000 });
    expect(CheckConfigSchema.parse({ type: "equals" })).toMatchObject({ trim: true, case_sensitive: false, collapse_whitespace: true, strip_punctuation: false });
    expect(CheckConfigSchema.parse({ type: "tool-call", tool: "search" })).toMatchObject({ order: "any", allow_extra: true });
    expect(CheckConfigSchema.parse({ type: "citations" })).toMatchObject({ unanswerable_tags: ["out-of-scope", "refusal"] });
    expect(CheckConfigSchema.parse({ type: "zod", module: "m.ts" })).toMatchObject({ export: "schema" });
    expect(CheckConfigSchema.parse({ type: "custom", module: "m.ts" })).toMatchObject({ export: "default" });
  });

  it.each([
    { config: { type: "contains", value: "a", colour: "red" }, path: "" },
    { config: { type: "contains" }, path: "value" },
    { config: { type: "contains", value: "a", values: ["b"] }, path: "value" },
    { config: { type: "not-contains", values: [] }, path: "values" },
    { config: { type: "length", unit: "words" }, path: "max" },
    { config: { type: "length", min: 5, max: 2 }, path: "min" },
    { config: { type: "json-schema" }, path: "schema" },
    { config: { type: "json-schema", schema: {}, schema_file: "a.json" }, path: "schema" },
    { config: { type: "tool-call", tool: "a", calls: [{ name: "b" }] }, path: "calls" },
    { config: { type: "tool-call", arguments: { id: 1 } }, path: "arguments" },
    { config: { type: "tool-call", calls: [{ name: "b", args: {} }] }, path: "calls.0" },
    { config: { type: "latency", max_ms: 0 }, path: "max_ms" },
    { config: { type: "regex", pattern: "x", mode: "must" }, path: "mode" },
    { config: { type: "sentiment" }, path: "type" },
  ])("rejects $config at '$path'", ({ config, path }) => {
    const found = problems(config);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.path).toBe(path);
  });

  it("explains the one-of rules in words", () => {
    expect(problems({ type: "contains", value: "a", values: ["b"] })).toMatchInlineSnapshot(`
      [
        {
          "message": "Set exactly one of \`value\` (a string) or \`values\` (a list of strings).",
          "path": "value",
        },
      ]
    `);
    expect(problems({ type: "tool-call", tool: "a", calls: [{ name: "b" }] })).toMatchInlineSnapshot(`
      [
        {
          "message": "Set either \`tool\` (one call) or \`calls\` (a list), not both.",
          "path": "calls",
        },
      ]
    `);
  });
});
