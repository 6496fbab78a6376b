import { z } from "zod";
import { CorrectedPassRateSchema, JudgeAlignmentSchema } from "../alignment/index.js";

/**
 * The run summary: everything a person, the deploy gate or MLflow needs to
 * know about one run, derived from run.json + results.jsonl only. Field names
 * are a contract (MLflow metric names are built from them): add fields freely,
 * but bump SUMMARY_SCHEMA_VERSION before renaming or removing one.
 *
 * Rates are `null` when their denominator is zero (nothing was scored), never
 * NaN, so the summary stays valid JSON.
 */
export const SUMMARY_SCHEMA_VERSION = 2;

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);

/**
 * A pass rate with its interval at `Summary.confidence`, clustered by case:
 * a case's repeats are correlated, so the case is the independent unit
 * (see docs/statistics.md). With one trial per case it is a Wilson interval.
 */
export const RateSchema = z.object({
  /** Passed / scored trials; null when nothing was scored. */
  rate: fraction.nullable(),
  /** The interval is [0, 1] when nothing was scored: nothing is known. */
  low: fraction,
  high: fraction,
  /** Scored trials. */
  trials: count,
  /** Cases with at least one scored trial. */
  cases: count,
  /** "wilson": one trial per case; "clustered-wilson": Wilson at the design-effect-adjusted sample size. */
  method: z.enum(["wilson", "clustered-wilson"]),
  /** Clustered variance / independent-trials variance; null when the outcomes do not vary. */
  design_effect: z.number().nonnegative().nullable(),
  /**
   * Share of outcome variance within cases (repeats disagreeing). Near 0:
   * more repeats will not narrow the interval, more cases will. Null when the
   * outcomes do not vary.
   */
  within_case_share: fraction.nullable(),
});
export type Rate = z.infer<typeof RateSchema>;

export const UsageTotalsSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cost_usd: z.number().nonnegative(),
  /** Calls answered from cache (no tokens spent this run). */
  cache_hits: count,
  /** Calls that reported usage at all; the token sums cover only these. */
  calls_with_usage: count,
});
export type UsageTotals = z.infer<typeof UsageTotalsSchema>;

/** Pass / fail / unscored counts; pass_rate is over passed + failed only. */
const OutcomeCountsShape = {
  passed: count,
  failed: count,
  errors: count,
  pass_rate: RateSchema,
};

export const FailingCaseSchema = z.object({
  case_id: z.string(),
  trial: count,
  critique: z.string(),
});
export type FailingCase = z.infer<typeof FailingCaseSchema>;

export const CheckScoreSchema = z.object({
  kind: z.literal("check"),
  id: z.string(),
  type: z.string(),
  ...OutcomeCountsShape,
});
export type CheckScore = z.infer<typeof CheckScoreSchema>;

export const JudgeScoreSchema = z.object({
  kind: z.literal("judge"),
  id: z.string(),
  failure_mode: z.string(),
  version: z.string(),
  model: z.string(),
  ...OutcomeCountsShape,
  /** Every failing trial with the judge's critique, in case then trial order. */
  failing: z.array(FailingCaseSchema),
  usage: UsageTotalsSchema,
  /**
   * Present when the judge was ever aligned with human labels (`evalgate
   * align`): this judge version's measured TPR/TNR (null when only other
   * versions were aligned) and the pass rate corrected for them, or why the
   * correction was refused.
   */
  alignment: z
    .object({
      measured: JudgeAlignmentSchema.nullable(),
      corrected: CorrectedPassRateSchema,
    })
    .optional(),
});
export type JudgeScore = z.infer<typeof JudgeScoreSchema>;

export const ScoreSummarySchema = z.discriminatedUnion("kind", [CheckScoreSchema, JudgeScoreSchema]);
export type ScoreSummary = z.infer<typeof ScoreSummarySchema>;

export const CaseSummarySchema = z.object({
  case_id: z.string(),
  /** Trial outcomes in trial order (via trialOutcome). */
  outcomes: z.array(z.enum(["pass", "fail", "error"])),
  passed: count,
  failed: count,
  errors: count,
  /** Some trials passed and some failed. */
  flaky: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/**
 * One row of the failure-mode table: a check or judge ranked by how many
 * trials fail it.
 */
export const FailureModeRowSchema = z.object({
  kind: z.enum(["check", "judge"]),
  id: z.string(),
  /** What fails: the judge's failure_mode, or the check's id (the user's name for it). */
  label: z.string(),
  /** For checks: the check's type (regex, json-schema, …). */
  check_type: z.string().optional(),
  failed_trials: count,
  failed_cases: count,
  /** failed_trials / scored trials of the run (overall.passed + overall.failed). */
  share_of_scored: fraction,
  /** failed_trials / failing trials of the run: how much of the failure this mode explains. */
  share_of_failures: fraction,
});
export type FailureModeRow = z.infer<typeof FailureModeRowSchema>;

/** Pass rate over the trials of the cases carrying one dataset tag. */
export const TagScoreSchema = z.object({
  tag: z.string(),
  ...OutcomeCountsShape,
});
export type TagScore = z.infer<typeof TagScoreSchema>;

export const ErrorMessageCountSchema = z.object({
  /** "target", or "check <id>" / "judge <id>" when a score could not be computed. */
  source: z.string(),
  message: z.string(),
  count: count,
});
export type ErrorMessageCount = z.infer<typeof ErrorMessageCountSchema>;

/** One guard of the run's guardrails: how often it ran, triggered and failed, and how long it took. */
export const GuardrailSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  stage: z.enum(["input", "output"]),
  action: z.enum(["block", "redact", "warn"]),
  /** Trials the guard decided on (it does not run after a block, nor at the output stage of a blocked input). */
  runs: count,
  /** Runs where it triggered, those where it failed closed included. */
  triggered: count,
  /** triggered / runs; null when it never ran. */
  trigger_rate: fraction.nullable(),
  /** Cases with at least one triggered trial. */
  cases_triggered: count,
  /** Runs where it threw or timed out (on_error decided). */
  errors: count,
  latency_ms: z.object({ p50: z.number().nonnegative().nullable(), p95: z.number().nonnegative().nullable() }),
});
export type GuardrailSummary = z.infer<typeof GuardrailSummarySchema>;

export const SummarySchema = z.object({
  schema_version: z.literal(SUMMARY_SCHEMA_VERSION),
  run_id: z.string(),
  suite: z.string(),
  /** Run status from run.json: a "running" or "interrupted" run is partial. */
  status: z.enum(["running", "completed", "interrupted", "failed"]),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().optional(),
  generated_at: z.iso.datetime(),
  /** Confidence level of every interval in this summary. */
  confidence: z.number().gt(0).lt(1),
  totals: z.object({
    cases: count,
    repeats: z.number().int().positive(),
    trials_expected: count,
    trials_recorded: count,
  }),
  /** Trial-level outcomes (via trialOutcome); errors are excluded from pass_rate. */
  overall: z.object(OutcomeCountsShape),
  scores: z.array(ScoreSummarySchema),
  /** One entry per dataset tag, in first-seen order. */
  tags: z.array(TagScoreSchema),
  cases: z.array(CaseSummarySchema),
  flaky_cases: z.array(z.string()),
  /**
   * pass@k and pass^k at k = repeats, averaged over cases. Errored trials are
   * excluded from each case's n; cases with fewer than k scored trials are left
   * out and counted in cases_excluded. Values are null when no case qualifies.
   */
  pass_k: z.object({
    k: z.number().int().positive(),
    pass_at_k: fraction.nullable(),
    pass_hat_k: fraction.nullable(),
    cases_included: count,
    cases_excluded: count,
  }),
  errors: z.object({
    /** Trials whose overall outcome is "error" (target failed or a score could not be computed). */
    trials: count,
    /** errors.trials / trials recorded; null when nothing was recorded. */
    rate: fraction.nullable(),
    /** Most frequent messages first (at most a few); distinct_messages counts them all. */
    messages: z.array(ErrorMessageCountSchema),
    distinct_messages: count,
  }),
  /** Over trials whose target answered (status ok); null when there were none. */
  latency_ms: z.object({
    p50: z.number().nonnegative().nullable(),
    p95: z.number().nonnegative().nullable(),
    trials: count,
  }),
  usage: z.object({
    target: UsageTotalsSchema,
    judges: UsageTotalsSchema,
    total_cost_usd: z.number().nonnegative(),
  }),
  failure_modes: z.array(FailureModeRowSchema),
  /** Per guard, input stage first; present when the run had guardrails. */
  guardrails: z.array(GuardrailSummarySchema).optional(),
});
export type Summary = z.infer<typeof SummarySchema>;
