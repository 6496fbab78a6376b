import { z } from "zod";
import { PII_ENTITIES } from "./detectors/index.js";

/** Guards name summary rows and MLflow metrics (`guardrail/<id>/trigger_rate`), so ids keep to metric-safe characters. */
const GuardIdSchema = z.string().regex(/^[A-Za-z0-9][\w.-]*$/, "Expected an id of letters, digits, '-', '_' or '.', e.g. no-pii-out");

/** Fields every guard accepts. Defaults that depend on the guard's type and stage are applied when it is built. */
const common = {
  id: GuardIdSchema,
  /** block: answer with the fallback; redact: mask the spans found; warn: only record the decision. */
  action: z.enum(["block", "redact", "warn"]),
  /** When the guard throws or times out: closed counts it as triggered, open lets the text through. */
  on_error: z.enum(["open", "closed"]).optional(),
  /** Time limit of one run of the guard; past it the guard errs (see on_error). */
  timeout_ms: z.number().int().positive().optional(),
  /**
   * Input block guards only: run alongside the pipeline call instead of
   * before it, cancelling the call if the guard fires. Saves the guard's
   * latency at the price of the pipeline seeing input that may be blocked.
   */
  parallel: z.boolean().optional(),
};

const nonEmptyList = z.array(z.string().min(1)).min(1);

const PiiGuardSchema = z.strictObject({
  ...common,
  type: z.literal("pii"),
  /** Entity types to look for; default all. */
  entities: z.array(z.enum(PII_ENTITIES)).min(1).optional(),
});

const SecretsGuardSchema = z.strictObject({ ...common, type: z.literal("secrets") });

const InjectionGuardSchema = z.strictObject({
  ...common,
  type: z.literal("injection"),
  /** Triggers at a score at or above this (0–1). */
  threshold: z.number().min(0).max(1).default(0.5),
});

const ONE_LIST = { message: "Set `block`, `allow` or both.", path: ["block"] };

const KeywordsGuardSchema = z
  .strictObject({
    ...common,
    type: z.literal("keywords"),
    /** Triggers when one of these words or phrases appears. */
    block: nonEmptyList.optional(),
    /** Triggers when none of these appears. */
    allow: nonEmptyList.optional(),
    case_sensitive: z.boolean().default(false),
  })
  .refine((g) => g.block !== undefined || g.allow !== undefined, ONE_LIST);

const RegexGuardSchema = z
  .strictObject({
    ...common,
    type: z.literal("regex"),
    /** RE2 patterns, without slashes; triggers when one matches. */
    block: nonEmptyList.optional(),
    /** Triggers when none of these matches. */
    allow: nonEmptyList.optional(),
    flags: z.string().default(""),
  })
  .refine((g) => g.block !== undefined || g.allow !== undefined, ONE_LIST);

const LengthGuardSchema = z
  .strictObject({
    ...common,
    type: z.literal("length"),
    /** Characters. */
    min: z.number().int().nonnegative().optional(),
    max: z.number().int().nonnegative().optional(),
  })
  .refine((g) => g.min !== undefined || g.max !== undefined, { message: "Set `min`, `max` or both.", path: ["max"] })
  .refine((g) => g.min === undefined || g.max === undefined || g.min <= g.max, { message: "`min` must not exceed `max`.", path: ["min"] });

const JsonSchemaGuardSchema = z.strictObject({
  ...common,
  type: z.literal("json-schema"),
  /** A JSON Schema inline, or the path of a .json/.yaml file holding one (relative to the guardrails file). */
  schema: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
});

const UrlGuardSchema = z.strictObject({
  ...common,
  type: z.literal("url"),
  /** Hosts links may point to; "example.com" also allows its subdomains. An empty list allows no link. */
  allow: z.array(z.string().min(1)),
});

const ScopeGuardSchema = z.strictObject({
  ...common,
  type: z.literal("scope"),
  /** What the assistant is for, in a sentence or two: the judge model compares each request with it. */
  description: z.string().min(1),
  /** Model id such as "openai:gpt-4.1-mini"; default the suite's judge_model. */
  model: z.string().min(1).optional(),
});

const GroundednessGuardSchema = z.strictObject({
  ...common,
  type: z.literal("groundedness"),
  model: z.string().min(1).optional(),
});

const CustomGuardSchema = z.strictObject({
  ...common,
  type: z.literal("custom"),
  /** Module exporting `(input) => GuardFinding | boolean` (sync or async), relative to the guardrails file. */
  module: z.string().min(1),
  export: z.string().min(1).default("default"),
});

export const GuardConfigSchema = z.discriminatedUnion("type", [
  PiiGuardSchema,
  SecretsGuardSchema,
  InjectionGuardSchema,
  KeywordsGuardSchema,
  RegexGuardSchema,
  LengthGuardSchema,
  JsonSchemaGuardSchema,
  UrlGuardSchema,
  ScopeGuardSchema,
  GroundednessGuardSchema,
  CustomGuardSchema,
]);

/** The answer a blocked request gets when the file sets none. */
export const DEFAULT_FALLBACK = "Sorry, I can't help with that.";

/** A guardrails file (`guardrails/*.yaml`): two ordered stages of guards and the answer a block gives. */
export const GuardrailsConfigSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Run on the user's input, in order, before the pipeline sees it. */
  input: z.array(GuardConfigSchema).default([]),
  /** Run on the pipeline's answer, in order, before the user sees it. */
  output: z.array(GuardConfigSchema).default([]),
  fallback: z.string().min(1).default(DEFAULT_FALLBACK),
});

/** A guard as written in a guardrails file. */
export type UserGuardConfig = z.input<typeof GuardConfigSchema>;
/** A validated guard config, schema defaults applied. */
export type GuardConfig = z.infer<typeof GuardConfigSchema>;
export type GuardType = GuardConfig["type"];
/** The validated config of one guard type, e.g. `GuardConfigOf<"regex">`. */
export type GuardConfigOf<T extends GuardType> = Extract<GuardConfig, { type: T }>;
/** A guardrails file as a user writes it (also what `createGuardrails` and `guard()` take). */
export type GuardrailsUserConfig = z.input<typeof GuardrailsConfigSchema>;
export type GuardrailsConfig = z.infer<typeof GuardrailsConfigSchema>;
export const GUARD_TYPES = GuardConfigSchema.options.map((option) => option.shape.type.value);
