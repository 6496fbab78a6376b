import { z } from "zod";
import { AppliesWhenSchema } from "./applies-when-schema.js";

/** Checks run in milliseconds; a check still going after this is stuck (e.g. a custom check awaiting a dead service). */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** Fields every check accepts. `id` defaults to the check's type (made unique by createChecks). */
const common = {
  id: z.string().min(1).optional(),
  /** A failed gating check skips the judges of that trial (saves judge cost). */
  gating: z.boolean().default(false),
  /** Time limit of one run of the check; past it the check is recorded as `error`. */
  timeout_ms: z.number().int().positive().default(DEFAULT_CHECK_TIMEOUT_MS),
};

/**
 * Dotted path into the output object (`answer`, `choices.0.text`). Text checks
 * read it when the output is not already a string; structured checks validate
 * the value found there.
 */
const field = z.string().min(1).optional();

/** `value` for one string or `values` for several: exactly one of the two. */
const needles = {
  value: z.string().optional(),
  values: z.array(z.string()).min(1).optional(),
};
const hasOneNeedleSource = (c: { value?: string | undefined; values?: string[] | undefined }) =>
  (c.value === undefined) !== (c.values === undefined);
const ONE_NEEDLE_SOURCE = { message: "Set exactly one of `value` (a string) or `values` (a list of strings).", path: ["value"] };

const ContainsCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("contains"),
    field,
    ...needles,
    /** With `values`: must every one appear, or is one enough? */
    mode: z.enum(["all", "any"]).default("all"),
    case_sensitive: z.boolean().default(false),
  })
  .refine(hasOneNeedleSource, ONE_NEEDLE_SOURCE);

const NotContainsCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("not-contains"),
    field,
    ...needles,
    case_sensitive: z.boolean().default(false),
  })
  .refine(hasOneNeedleSource, ONE_NEEDLE_SOURCE);

const RegexCheckSchema = z.strictObject({
  ...common,
  type: z.literal("regex"),
  field,
  /** JavaScript regular expression source, without slashes. */
  pattern: z.string().min(1),
  flags: z.string().default(""),
  mode: z.enum(["must-match", "must-not-match"]).default("must-match"),
});

const EqualsCheckSchema = z.strictObject({
  ...common,
  type: z.literal("equals"),
  field,
  /** Dotted path into the case's `expected` when only part of it is the reference answer. */
  expected_field: z.string().min(1).optional(),
  trim: z.boolean().default(true),
  case_sensitive: z.boolean().default(false),
  collapse_whitespace: z.boolean().default(true),
  strip_punctuation: z.boolean().default(false),
});

const JsonCheckSchema = z.strictObject({ ...common, type: z.literal("json"), field });

const JsonSchemaCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("json-schema"),
    field,
    schema: z.record(z.string(), z.unknown()).optional(),
    /** A .json (or .yaml) file holding the JSON Schema, relative to the suite config. */
    schema_file: z.string().min(1).optional(),
  })
  .refine((c) => (c.schema === undefined) !== (c.schema_file === undefined), {
    message: "Set exactly one of `schema` (inline JSON Schema) or `schema_file` (path to a JSON Schema file).",
    path: ["schema"],
  });

const ZodCheckSchema = z.strictObject({
  ...common,
  type: z.literal("zod"),
  field,
  /** TypeScript/JavaScript module exporting a zod schema, relative to the suite config. */
  module: z.string().min(1),
  export: z.string().min(1).default("schema"),
});

const LengthCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("length"),
    field,
    unit: z.enum(["chars", "words"]).default("chars"),
    min: z.number().int().nonnegative().optional(),
    max: z.number().int().nonnegative().optional(),
  })
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: "Set `min`, `max` or both.", path: ["max"] })
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
    message: "`min` must not exceed `max`.",
    path: ["min"],
  });

const LatencyCheckSchema = z.strictObject({
  ...common,
  type: z.literal("latency"),
  max_ms: z.number().positive(),
});

const CustomCheckSchema = z.strictObject({
  ...common,
  type: z.literal("custom"),
  /** Module exporting `(input) => boolean | { pass, reason? }` (sync or async), relative to the suite config. */
  module: z.string().min(1),
  export: z.string().min(1).default("default"),
});

const CitationsCheckSchema = z.strictObject({
  ...common,
  type: z.literal("citations"),
  field,
  /**
   * Regex whose first capture group is the cited id (or a comma/semicolon
   * separated list of ids). Default: bracketed ids such as `[kb-12]` or
   * `[kb-1, kb-2]`, excluding Markdown links `[text](url)`.
   */
  pattern: z.string().min(1).optional(),
  /** Cases tagged with one of these need not cite anything (nothing to answer from). */
  unanswerable_tags: z.array(z.string()).default(["out-of-scope", "refusal"]),
});

/** One expected tool call; string argument values written `/.../flags` are regexes. */
const ExpectedToolCallSchema = z.strictObject({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).optional(),
});

const ToolCallCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("tool-call"),
    /** Shorthand for one expected call: `tool` (+ `arguments`). */
    tool: z.string().min(1).optional(),
    arguments: z.record(z.string(), z.unknown()).optional(),
    calls: z.array(ExpectedToolCallSchema).min(1).optional(),
    /**
     * any: each expected call made, in any order. subsequence: made in this
     * order, other calls may sit between. exact-sequence: the calls made are
     * exactly these, in this order (extra calls always fail).
     */
    order: z.enum(["any", "subsequence", "exact-sequence"]).default("any"),
    allow_extra: z.boolean().default(true),
  })
  .refine((c) => !(c.tool !== undefined && c.calls !== undefined), {
    message: "Set either `tool` (one call) or `calls` (a list), not both.",
    path: ["calls"],
  })
  .refine((c) => c.arguments === undefined || c.tool !== undefined, {
    message: "`arguments` needs `tool`; with `calls`, give each call its own `arguments`.",
    path: ["arguments"],
  });

const GuardrailCheckSchema = z.strictObject({
  ...common,
  type: z.literal("guardrail"),
  /** The id of a guard in the suite's `guardrails:` file. */
  guard: z.string().min(1),
  /** What the guard should have decided on this trial. */
  expect: z.enum(["triggered", "not-triggered"]),
  /** Only cases with these tags are expected so; the others pass as not applicable. */
  applies_when: AppliesWhenSchema.optional(),
});

export const CheckConfigSchema = z.discriminatedUnion("type", [
  ContainsCheckSchema,
  NotContainsCheckSchema,
  RegexCheckSchema,
  EqualsCheckSchema,
  JsonCheckSchema,
  JsonSchemaCheckSchema,
  ZodCheckSchema,
  LengthCheckSchema,
  LatencyCheckSchema,
  CustomCheckSchema,
  CitationsCheckSchema,
  ToolCallCheckSchema,
  GuardrailCheckSchema,
]);

/** A check as written in the suite's `checks:` list. */
export type UserCheckConfig = z.input<typeof CheckConfigSchema>;
/** A validated check config, defaults applied. */
export type CheckConfig = z.infer<typeof CheckConfigSchema>;
/** The validated config of one check type, e.g. `CheckConfigOf<"regex">`. */
export type CheckConfigOf<T extends CheckConfig["type"]> = Extract<CheckConfig, { type: T }>;
export type ExpectedToolCall = z.infer<typeof ExpectedToolCallSchema>;
export { ExpectedToolCallSchema };
