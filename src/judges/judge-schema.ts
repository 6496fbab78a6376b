import { z } from "zod";
import { AppliesWhenSchema } from "../config/index.js";

/** What a judge template may show the model. `output` and `trace` exist only once a trial ran. */
export const JUDGE_INPUTS = ["input", "output", "expected", "context", "trace"] as const;
export type JudgeInputName = (typeof JUDGE_INPUTS)[number];

// A judge runs only on cases its tag filter selects; other cases are skipped (not run, not counted).
export { AppliesWhenSchema, type AppliesWhen } from "../config/index.js";

/** The YAML front matter of a judge file. */
export const JudgeFrontMatterSchema = z.strictObject({
  /** Stable id: the column name in summaries and the key gates refer to. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]*$/, "Expected an id of letters, digits, '-', '_' or '.', e.g. grounded-in-context"),
  /** The one failure mode this judge detects, in words a reviewer understands. */
  failure_mode: z.string().min(1),
  /** Model id such as "openai:gpt-4.1-mini"; the suite's `judge_model` when omitted. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  /** The trial fields the template shows; a placeholder outside this list is an error. */
  inputs: z.array(z.enum(JUDGE_INPUTS)).min(1),
  applies_when: AppliesWhenSchema.optional(),
  /** JSONL of labelled examples, relative to the judge file. */
  examples: z.string().min(1).optional(),
});
export type JudgeFrontMatter = z.infer<typeof JudgeFrontMatterSchema>;

/** One labelled few-shot example: a trial and the judgement a careful reviewer gave it. */
export const JudgeExampleSchema = z.strictObject({
  input: z.unknown(),
  output: z.unknown(),
  context: z.unknown().optional(),
  expected: z.unknown().optional(),
  critique: z.string().min(1),
  verdict: z.enum(["PASS", "FAIL"]),
});
export type JudgeExample = z.infer<typeof JudgeExampleSchema>;

export const MIN_EXAMPLES = 2;
export const MAX_EXAMPLES = 8;

/**
 * What every judge must answer. The critique comes first so the model reasons
 * before it commits to a verdict; strictly binary, never a score.
 */
export const JudgeReplySchema = z.strictObject({
  critique: z.string().refine((text) => text.trim() !== "", "The critique must not be empty."),
  verdict: z.enum(["PASS", "FAIL"]),
});
export type JudgeReply = z.infer<typeof JudgeReplySchema>;

export const JUDGE_REPLY_SCHEMA_NAME = "judge_verdict";

let replyJsonSchema: Readonly<Record<string, unknown>> | undefined;

/**
 * The reply schema as JSON Schema for structured output (no `$schema`: some
 * vendors reject unknown keywords). Built once: every judge call sends it, and
 * converting the zod schema cost more CPU than the rest of the judge's own work.
 * Frozen, since every caller shares the one object.
 */
export function judgeReplyJsonSchema(): Readonly<Record<string, unknown>> {
  if (replyJsonSchema === undefined) {
    const { $schema: _dialect, ...schema } = z.toJSONSchema(JudgeReplySchema) as Record<string, unknown>;
    replyJsonSchema = deepFreeze(schema);
  }
  return replyJsonSchema;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
