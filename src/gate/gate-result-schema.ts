import { z } from "zod";

/**
 * What `evalgate gate --json` prints and what the Markdown and JUnit outputs
 * are rendered from. Add fields freely; bump GATE_RESULT_SCHEMA_VERSION
 * before renaming or removing one.
 */
export const GATE_RESULT_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);

export const VerdictSchema = z.enum(["pass", "warn", "fail", "inconclusive"]);
export type Verdict = z.infer<typeof VerdictSchema>;

/** One side's pass rate on the shared cases, clustered by case. */
export const SideRateSchema = z.object({
  rate: fraction.nullable(),
  low: fraction,
  high: fraction,
  cases: count,
  trials: count,
  /** Unscored trials (left out of the rate). */
  errors: count,
});
export type SideRate = z.infer<typeof SideRateSchema>;

export const RegressedCaseSchema = z.object({
  case_id: z.string(),
  baseline: z.object({ passed: count, trials: count }),
  candidate: z.object({ passed: count, trials: count }),
  /** Why the candidate's trials failed: judge critiques or check reasons, one per failing trial. */
  reasons: z.array(z.string()),
});
export type RegressedCase = z.infer<typeof RegressedCaseSchema>;

export const MetricComparisonSchema = z.object({
  /** "overall", a check or judge id, or "tag:<tag>". */
  id: z.string(),
  kind: z.enum(["overall", "check", "judge", "tag"]),
  baseline: SideRateSchema,
  candidate: SideRateSchema,
  /** Candidate − baseline, the mean of per-case differences over cases scored on both sides. */
  difference: z.object({
    estimate: z.number().min(-1).max(1).nullable(),
    low: z.number().min(-1).max(1),
    high: z.number().min(-1).max(1),
    cases: count,
    method: z.enum(["paired-t", "paired-bootstrap"]),
    /** SD of the per-case differences; null below two cases. */
    standard_deviation: z.number().nonnegative().nullable(),
  }),
  /** Exact McNemar p-value, only when every paired case has one scored trial per side. */
  p_value: fraction.optional(),
  mcnemar: z.object({ baseline_only_passed: count, candidate_only_passed: count }).optional(),
  /** Shared cases scored on both sides (the ones the difference is over), in case order. */
  paired_case_ids: z.array(z.string()),
  /** Shared cases whose candidate pass rate is below the baseline's, largest drop first. */
  newly_failing_cases: z.array(RegressedCaseSchema),
});
export type MetricComparison = z.infer<typeof MetricComparisonSchema>;

export const RuleResultSchema = z.object({
  rule: z.enum(["max_regression", "min_pass_rate", "max_error_rate", "required_cases", "missing_cases"]),
  /** The metric the rule was checked on; absent for missing_cases. */
  metric: z.string().optional(),
  verdict: VerdictSchema,
  /** The rule's threshold (δ, floor or ceiling); absent where it has none. */
  threshold: z.number().optional(),
  /** One line: what was compared and why this verdict. */
  reason: z.string(),
  /** Inconclusive max_regression: cases needed to detect the threshold at 80 % power. */
  cases_needed: count.optional(),
  /** max_regression: one-sided p-value of "the drop is at most δ", and after Holm when asked. */
  p_value: fraction.optional(),
  adjusted_p_value: fraction.optional(),
  /** required_cases: the required cases that did not pass every trial. */
  failing_cases: z.array(z.string()).optional(),
});
export type RuleResult = z.infer<typeof RuleResultSchema>;

export const RunIdentitySchema = z.object({
  /** The reference as given (run id, directory, mlflow:…). */
  ref: z.string(),
  run_id: z.string(),
  suite: z.string(),
  status: z.string(),
  started_at: z.string(),
});

export const GateResultSchema = z.object({
  schema_version: z.literal(GATE_RESULT_SCHEMA_VERSION),
  verdict: VerdictSchema,
  baseline: RunIdentitySchema,
  candidate: RunIdentitySchema,
  confidence: z.number().gt(0).lt(1),
  interval: z.enum(["paired-t", "bootstrap"]),
  correction: z.enum(["none", "holm"]),
  cases: z.object({
    shared: count,
    baseline_only: z.array(z.string()),
    candidate_only: z.array(z.string()),
  }),
  /** How many rule checks (rule × metric) were made. */
  rules_tested: count,
  rules: z.array(RuleResultSchema),
  metrics: z.array(MetricComparisonSchema),
});
export type GateResult = z.infer<typeof GateResultSchema>;
