import { z } from "zod";

/**
 * The results log is the contract between the runner that writes it and every
 * reader (summary, gate, report, MLflow push, alignment). Bump
 * RESULTS_SCHEMA_VERSION on any incompatible change and add a migration in
 * migrate.ts plus a fixture of the old version under tests/fixtures/.
 */
export const RESULTS_SCHEMA_VERSION = 1 as const;

export const ChatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
  name: z.string().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** A retrieved document as the pipeline saw it. */
export const ContextDocSchema = z.looseObject({
  id: z.string(),
  text: z.string().optional(),
  title: z.string().optional(),
  score: z.number().optional(),
});
export type ContextDoc = z.infer<typeof ContextDocSchema>;

export const ToolCallSchema = z.looseObject({
  name: z.string(),
  arguments: z.unknown().optional(),
  id: z.string().optional(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const TokenUsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** What a target may report besides its output. Unknown keys are kept. */
export const TraceSchema = z.looseObject({
  context: z.array(ContextDocSchema).optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  usage: TokenUsageSchema.optional(),
  cost_usd: z.number().nonnegative().optional(),
  model: z.string().optional(),
  /** Databricks serving: the served entity that answered (traffic splits). */
  served_model_name: z.string().optional(),
  cached: z.boolean().optional(),
  /** HTTP targets: attempts the call took, first included (more than 1 means the service failed and was retried). */
  attempts: z.number().int().positive().optional(),
  /**
   * Scored runs (`evalgate score`): the production record this output came
   * from, e.g. an MLflow trace id or an inference-table request id.
   */
  source: z
    .looseObject({
      /** Where it was read: "mlflow:<experiment>", "jsonl:<file>". */
      origin: z.string(),
      /** The record's id there (an MLflow trace id, a serving request id). */
      trace_id: z.string(),
    })
    .optional(),
});
export type Trace = z.infer<typeof TraceSchema>;

/** pass / fail, or "error": could not be scored (never counted as pass or fail). */
export const OutcomeSchema = z.enum(["pass", "fail", "error"]);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const CheckResultSchema = z.object({
  id: z.string(),
  type: z.string(),
  outcome: OutcomeSchema,
  reason: z.string(),
  gating: z.boolean().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const JudgeVerdictSchema = z.object({
  id: z.string(),
  version: z.string(),
  failure_mode: z.string(),
  model: z.string(),
  outcome: OutcomeSchema,
  /** Written by the judge before its verdict; for "error", what went wrong. */
  critique: z.string(),
  /** Raw model text, kept when the reply could not be parsed. */
  raw: z.string().optional(),
  usage: TokenUsageSchema.optional(),
  cost_usd: z.number().nonnegative().optional(),
  cached: z.boolean().optional(),
  latency_ms: z.number().nonnegative().optional(),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

export const TrialErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  /** HTTP attempts made before giving up, first included. */
  attempts: z.number().int().positive().optional(),
});
export type TrialError = z.infer<typeof TrialErrorSchema>;

/** A stretch of a guarded text a guard flagged, by character offsets; the text itself is never stored. */
export const GuardSpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** What was found, e.g. "EMAIL", "CREDIT_CARD", "openai-key", "instruction-override". */
  label: z.string(),
});
export type GuardSpan = z.infer<typeof GuardSpanSchema>;

/** What one guardrail decided about one text of one trial (or one proxied request). */
export const GuardDecisionSchema = z.object({
  id: z.string(),
  type: z.string(),
  stage: z.enum(["input", "output"]),
  triggered: z.boolean(),
  /** The guard's configured action; it took effect only when `triggered`. */
  action: z.enum(["block", "redact", "warn"]),
  spans: z.array(GuardSpanSchema).optional(),
  /** Scored guards (injection): the score compared with the threshold. */
  score: z.number().optional(),
  /** Why it triggered, or a model guard's critique. */
  reason: z.string().optional(),
  latency_ms: z.number().nonnegative(),
  /** The guard threw or timed out; `triggered` then follows its on_error (closed: true, open: false). */
  error: z.string().optional(),
});
export type GuardDecision = z.infer<typeof GuardDecisionSchema>;

/** One line of results.jsonl: one trial of one case. */
export const TrialRecordSchema = z.object({
  schema_version: z.literal(RESULTS_SCHEMA_VERSION),
  run_id: z.string(),
  case_id: z.string(),
  /** 0-based trial index, < repeats. */
  trial: z.number().int().nonnegative(),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime(),
  latency_ms: z.number().nonnegative(),
  /** "error": the target threw, timed out or its API failed after retries. */
  status: z.enum(["ok", "error"]),
  input: z.unknown(),
  expected: z.unknown().optional(),
  tags: z.array(z.string()).optional(),
  output: z.unknown().optional(),
  trace: TraceSchema.optional(),
  error: TrialErrorSchema.optional(),
  checks: z.array(CheckResultSchema),
  judges: z.array(JudgeVerdictSchema),
  /** Guardrail decisions, input stage first, when the suite sets `guardrails:`. */
  guardrails: z.array(GuardDecisionSchema).optional(),
});
export type TrialRecord = z.infer<typeof TrialRecordSchema>;

/** run.json: written when a run starts, updated when it ends. */
export const RunManifestSchema = z.object({
  schema_version: z.literal(RESULTS_SCHEMA_VERSION),
  run_id: z.string(),
  suite: z.string(),
  suite_file: z.string(),
  /** sha256 of the resolved config (no secrets: config never holds them). */
  config_hash: z.string(),
  status: z.enum(["running", "completed", "interrupted", "failed"]),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().optional(),
  evalgate_version: z.string(),
  target: z.object({ type: z.string(), description: z.string() }).loose(),
  datasets: z.array(z.object({ file: z.string(), sha256: z.string(), cases: z.number().int().nonnegative() })),
  repeats: z.number().int().positive(),
  concurrency: z.number().int().positive(),
  case_ids: z.array(z.string()),
  checks: z.array(z.object({ id: z.string(), type: z.string() })),
  judges: z.array(z.object({ id: z.string(), version: z.string(), model: z.string(), failure_mode: z.string() })),
  git: z.object({ commit: z.string().optional(), branch: z.string().optional(), dirty: z.boolean().optional() }).optional(),
  /**
   * sha256 of every file the suite loads besides the datasets (target module or
   * template, check modules, schema files, judges), relative to the suite file.
   * Resume compares them, so an edit in between is refused by name.
   */
  files: z.array(z.object({ file: z.string(), sha256: z.string() })).optional(),
  /** While `running`: the process writing the run (its lock). Readers call a running run whose writer is gone crashed. */
  writer: z.object({ pid: z.number().int().positive(), host: z.string() }).optional(),
  /** Why a `failed` run stopped, in one line (e.g. "cannot write reports/…: no space left on device"). */
  failure: z.string().optional(),
  /**
   * A sharded run (`evalgate run --shard index/count`): `case_ids` holds this
   * shard's cases only; `positions` gives each one's place among the suite's
   * `cases_total` cases, so `evalgate merge` restores the unsharded order.
   */
  shard: z
    .object({
      index: z.number().int().positive(),
      count: z.number().int().positive(),
      cases_total: z.number().int().nonnegative(),
      positions: z.array(z.number().int().nonnegative()),
    })
    .optional(),
  /** A merged run (`evalgate merge`): the shard runs it combines, in shard order. */
  merged_from: z
    .array(z.object({ run_id: z.string(), shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }), started_at: z.iso.datetime(), ended_at: z.iso.datetime().optional() }))
    .optional(),
  /** Scored runs (`evalgate score`): the production records whose recorded outputs were scored. */
  source: z
    .looseObject({
      kind: z.enum(["mlflow", "jsonl"]),
      /** As given: "mlflow:<experiment>[?filter=…]", "jsonl:<file>". */
      uri: z.string(),
      /** jsonl: the row shape found, "inference-table" (with its serving format) or "generic". */
      format: z.string().optional(),
      since: z.iso.datetime().optional(),
      until: z.iso.datetime().optional(),
      sample: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
      /** Records read in the time window. */
      found: z.number().int().nonnegative(),
      /** Of those, already scored by every check and judge at its current version. */
      skipped: z.number().int().nonnegative(),
      /** Records scored in this run (its cases). */
      count: z.number().int().nonnegative(),
    })
    .optional(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;
