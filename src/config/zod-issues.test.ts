import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./load.js";
import { objectKeysAt } from "./schema-keys.js";
import { describeZodIssues, formatPath } from "./zod-issues.js";

// A schema of its own, so these tests pin the message rules independently of the suite schema's evolution.
const StepSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fetch"), url: z.string(), retries: z.number().int().min(0).max(5).default(0) }),
  z.strictObject({ kind: z.literal("wait"), seconds: z.number().positive() }),
]);
const PlanSchema = z.strictObject({
  title: z.string().min(1),
  mode: z.enum(["fast", "thorough"]).default("fast"),
  steps: z.array(StepSchema).min(1),
  labels: z.record(z.string(), z.number()).optional(),
  source: z.union([z.string(), z.array(z.string())]).optional(),
});

function messages(input: unknown): string[] {
  const result = PlanSchema.safeParse(input);
  if (result.success) throw new Error("expected validation to fail");
  return describeZodIssues(result.error.issues, PlanSchema, input).map((issue) => `${issue.path}: ${issue.message}`);
}

const valid = { title: "t", steps: [{ kind: "wait", seconds: 1 }] };

describe("describeZodIssues", () => {
  it("suggests a key from the matching branch of a discriminated union", () => {
    expect(messages({ ...valid, steps: [{ kind: "fetch", url: "u", retires: 2 }] })).toEqual([
      'steps[0].retires: Unknown key "retires" in steps[0]. Did you mean "retries"?',
    ]);
  });

  it("names the discriminator values and suggests the closest", () => {
    expect(messages({ ...valid, steps: [{ kind: "fetc" }] })).toEqual(['steps[0].kind: Expected one of "fetch", "wait", received "fetc". Did you mean "fetch"?']);
  });

  it("reports a missing discriminator as a missing key", () => {
    expect(messages({ ...valid, steps: [{ url: "u" }] })).toEqual(['steps[0].kind: Missing required key "kind" (one of "fetch", "wait")']);
  });

  it("phrases bounds for numbers, strings and lists", () => {
    expect(messages({ title: "", steps: [] })).toEqual(["title: Expected a non-empty string", "steps: Expected a non-empty list"]);
    expect(messages({ ...valid, steps: [{ kind: "fetch", url: "u", retries: 9 }] })).toEqual(["steps[0].retries: Expected a number <= 5, received 9"]);
    expect(messages({ ...valid, steps: [{ kind: "wait", seconds: 0 }] })).toEqual(["steps[0].seconds: Expected a number > 0, received 0"]);
  });

  it("suggests the closest enum value", () => {
    expect(messages({ ...valid, mode: "thorogh" })).toEqual(['mode: Expected one of "fast", "thorough", received "thorogh". Did you mean "thorough"?']);
  });

  it("quotes record keys that are not identifiers in the path", () => {
    expect(messages({ ...valid, labels: { "p.95": "high" } })).toEqual(['labels["p.95"]: Expected number, received string']);
  });

  it("follows the union branch the value plausibly meant", () => {
    expect(messages({ ...valid, source: ["a", 1] })).toEqual(["source[1]: Expected string, received number"]);
    expect(messages({ ...valid, source: 1 })).toEqual(["source: Expected string or array, received number"]);
  });

  it("keeps the raw path segments for locating the node in the source file", () => {
    const input = { ...valid, extra: 1 };
    const result = PlanSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(describeZodIssues(result.error?.issues ?? [], PlanSchema, input)[0]?.segments).toEqual(["extra"]);
  });
});

describe("describeZodIssues with messages the schema sets itself", () => {
  const Authored = z.strictObject({
    ref: z.string().regex(/^#/, "Expected a reference starting with # (e.g. #intro)"),
    slug: z.string().regex(/^[a-z-]+$/),
    seconds: z.number({ error: "Give seconds as a number, e.g. 30" }).optional(),
    name: z.string().min(3, { message: "Names need at least 3 letters so reports can tell them apart" }).optional(),
  });

  function authoredMessages(input: unknown): string[] {
    const result = Authored.safeParse(input);
    if (result.success) throw new Error("expected validation to fail");
    return describeZodIssues(result.error.issues, Authored, input).map((issue) => `${issue.path}: ${issue.message}`);
  }

  it("keeps an explicit message word for word and rewrites zod's default one for the same kind of check", () => {
    expect(authoredMessages({ ref: "intro", slug: "Intro Page" })).toMatchInlineSnapshot(`
      [
        "ref: Expected a reference starting with # (e.g. #intro)",
        "slug: Expected a string matching /^[a-z-]+$/, received "Intro Page"",
      ]
    `);
  });

  it("keeps explicit messages on types and bounds", () => {
    expect(authoredMessages({ ref: "#a", slug: "a", seconds: "30", name: "ab" })).toMatchInlineSnapshot(`
      [
        "seconds: Give seconds as a number, e.g. 30",
        "name: Names need at least 3 letters so reports can tell them apart",
      ]
    `);
  });

  function suiteMessages(yaml: string): string[] {
    try {
      parseConfig(yaml, "/suites/qa/evalgate.yaml");
    } catch (error) {
      if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
      throw error;
    }
    throw new Error("expected the config to be rejected");
  }

  it("shows the http target's own selector message for a selector without $", () => {
    const yaml = "name: qa\ndataset: cases.jsonl\ntarget:\n  type: http\n  url: http://127.0.0.1:8080/answer\n  output: answer\n";
    expect(suiteMessages(yaml)).toMatchInlineSnapshot(`
      [
        "target.output: Expected a selector starting with $ (e.g. $.answer or $.items[*].id) (line 6)",
      ]
    `);
  });

  it("keeps evalgate's wording for an ordinary type error in a suite", () => {
    const yaml = "name: qa\ndataset: cases.jsonl\ntarget:\n  type: http\n  url: http://127.0.0.1:8080/answer\nrepeats: three\n";
    expect(suiteMessages(yaml)).toMatchInlineSnapshot(`
      [
        "repeats: Expected number, received string (line 6)",
      ]
    `);
  });
});

describe("objectKeysAt", () => {
  it("reads the keys of the object at a path, narrowing unions by the value", () => {
    expect(objectKeysAt(PlanSchema, [], valid)).toEqual(["title", "mode", "steps", "labels", "source"]);
    expect(objectKeysAt(PlanSchema, ["steps", 0], valid)).toEqual(["kind", "seconds"]);
  });

  it("returns no keys for a path outside the schema", () => {
    expect(objectKeysAt(PlanSchema, ["nowhere", "deeper"], valid)).toEqual([]);
  });
});

describe("formatPath", () => {
  it("writes indexes in brackets and keys with dots", () => {
    expect(formatPath(["checks", 2, "pattern"])).toBe("checks[2].pattern");
    expect(formatPath([0, "a-b"])).toBe("[0].a-b");
  });
});
