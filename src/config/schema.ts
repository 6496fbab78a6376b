import { z } from "zod";
import { CheckConfigSchema } from "./checks-schema.js";
import { GateConfigSchema } from "./gate-schema.js";
import { ProvidersConfigSchema } from "./providers-schema.js";
import { TargetConfigSchema } from "./targets-schema.js";
import { TrackingConfigSchema } from "./tracking-schema.js";

/**
 * Time limit of one judge call, retries included. Judge models answer in
 * seconds; a minute leaves room for a 429 and its Retry-After without letting
 * one verdict hold a concurrency slot for the transport's worst case (minutes).
 */
export const DEFAULT_JUDGE_TIMEOUT_MS = 60_000;

/** The suite file (evalgate.yaml) as a user writes it. */
export const UserConfigSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** One dataset file or several (JSONL or CSV), relative to the config file. */
  dataset: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  target: TargetConfigSchema,
  /** Trials per case: LLMs are stochastic, so each case runs several times. */
  repeats: z.number().int().min(1).max(1000).default(3),
  concurrency: z.number().int().min(1).max(1000).default(4),
  /** Per-trial timeout for the target call. */
  timeout_ms: z.number().int().positive().default(60_000),
  /** Runs whose share of errored trials exceeds this exit with code 1. */
  max_error_rate: z.number().min(0).max(1).default(0),
  checks: z.array(CheckConfigSchema).default([]),
  /** Judge files (Markdown with front matter), relative to the config file. */
  judges: z.array(z.string().min(1)).default([]),
  /** Default model for judges that name none, e.g. "openai:gpt-4.1-mini". */
  judge_model: z.string().optional(),
  /** Per judge call (retries included); a verdict as a whole, its corrective retry included, gets twice this. */
  judge_timeout_ms: z.number().int().positive().default(DEFAULT_JUDGE_TIMEOUT_MS),
  /** A guardrails file (guardrails/*.yaml), relative to the config file: its guards run around every trial's target call. */
  guardrails: z.string().min(1).optional(),
  providers: ProvidersConfigSchema.optional(),
  gate: GateConfigSchema.optional(),
  tracking: TrackingConfigSchema.optional(),
});
export type UserConfig = z.input<typeof UserConfigSchema>;
export type ParsedConfig = z.output<typeof UserConfigSchema>;
