import { z } from "zod";

const fraction = z.number().min(0).max(1);

/**
 * Which metrics a rule applies to: ids or globs over `overall`, check ids,
 * judge ids and `tag:<tag>` (e.g. "*", "tag:refunds", ["grounded", "cites-*"]).
 */
const MetricSelectorSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * One gate rule. Each criterion it names is checked on every metric it
 * selects; a rule may name several criteria.
 */
export const GateRuleSchema = z
  .strictObject({
    metrics: MetricSelectorSchema.default("*"),
    /** Fail on a clear drop larger than this (paired by case); warn when a drop this size cannot be ruled out. */
    max_regression: fraction.optional(),
    /** Floor on the candidate's pass rate. */
    min_pass_rate: fraction.optional(),
    /** What min_pass_rate is compared with: the interval's lower bound (default) or the point estimate. */
    min_pass_rate_on: z.enum(["lower_bound", "estimate"]).default("lower_bound"),
    /** Ceiling on the candidate's share of unscored (errored) trials for the metric. */
    max_error_rate: fraction.optional(),
    /** Case ids, or `tag:<tag>`, whose every candidate trial must pass the selected metrics. */
    required_cases: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine(
    (rule) => rule.max_regression !== undefined || rule.min_pass_rate !== undefined || rule.max_error_rate !== undefined || rule.required_cases !== undefined,
    { message: "A gate rule needs at least one of max_regression, min_pass_rate, max_error_rate, required_cases" },
  );
export type GateRule = z.infer<typeof GateRuleSchema>;

/** Deploy gate: compare a candidate run with a baseline, paired by case. */
export const GateConfigSchema = z.strictObject({
  /** The run to compare against: a run id, a run directory, or mlflow:<run-id> / mlflow:latest?…; `--baseline` wins. */
  baseline: z.string().optional(),
  /**
   * Default regression tolerance: applied to every metric ("*") when no rule
   * names max_regression. 0.05 when neither this nor a rule sets one.
   */
  max_regression: fraction.optional(),
  /** 1 − the confidence level of every interval the gate computes. */
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** Floors per metric id, shorthand for rules with min_pass_rate, e.g. { grounded: 0.9 }. */
  min_pass_rate: z.record(z.string(), fraction).default({}),
  rules: z.array(GateRuleSchema).default([]),
  /** How the paired difference's interval is computed. */
  interval: z.enum(["paired-t", "bootstrap"]).default("paired-t"),
  /** Bootstrap only: the seed and the number of case resamples. */
  seed: z.number().int().default(1),
  resamples: z.number().int().min(100).max(1_000_000).default(10_000),
  /** "holm": Holm–Bonferroni across the max_regression decisions of all gated metrics. */
  correction: z.enum(["none", "holm"]).default("none"),
  /** Cases run on only one side: listed always; "warn" or "fail" also sets the verdict. */
  missing_cases: z.enum(["ignore", "warn", "fail"]).default("warn"),
});
export type GateConfig = z.infer<typeof GateConfigSchema>;
export type GateConfigInput = z.input<typeof GateConfigSchema>;
