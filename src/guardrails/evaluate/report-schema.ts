import { z } from "zod";

/** A share in 0–1, or null when its denominator is 0 (undefined, not zero). */
const Rate = z.number().min(0).max(1).nullable();

export const EntityMetricsSchema = z.object({
  /** The entity type (span label), or "all" for the micro-average over types. */
  label: z.string(),
  expected: z.number().int().nonnegative(),
  found: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  /** matched / found. */
  precision: Rate,
  /** matched / expected. */
  recall: Rate,
});
export type EntityMetrics = z.infer<typeof EntityMetricsSchema>;

export const GuardMetricsSchema = z.object({
  id: z.string(),
  type: z.string(),
  stage: z.enum(["input", "output"]),
  action: z.enum(["block", "redact", "warn"]),
  /** Rows of the guard's stage: the only rows it is scored on. */
  rows: z.number().int().nonnegative(),
  tp: z.number().int().nonnegative(),
  fp: z.number().int().nonnegative(),
  fn: z.number().int().nonnegative(),
  tn: z.number().int().nonnegative(),
  /** tp / (tp + fp). */
  precision: Rate,
  /** tp / (tp + fn). */
  recall: Rate,
  /** 2·tp / (2·tp + fp + fn): the harmonic mean of precision and recall, defined also when one of them is 0. */
  f1: Rate,
  /** clean_triggered / clean_rows: how often it fires on legitimate traffic. */
  fpr: Rate,
  /** Rows of the stage that expect no guard at all. */
  clean_rows: z.number().int().nonnegative(),
  clean_triggered: z.number().int().nonnegative(),
  /** Latency of one check, in ms (linear-interpolated percentiles); null without rows. */
  p50_ms: z.number().nonnegative().nullable(),
  p95_ms: z.number().nonnegative().nullable(),
  /** Row ids where it fired without being expected. */
  false_positives: z.array(z.string()),
  /** Row ids where it was expected and did not fire. */
  misses: z.array(z.string()),
  /** Rows where it threw or timed out; the decision then followed its on_error and is counted as such. */
  errors: z.array(z.object({ id: z.string(), error: z.string() })),
  /** PII guards: entity-level figures from the rows' expect_spans. */
  entities: z
    .object({
      /** The rule a found span must meet to match an expected one. */
      match: z.string(),
      /** Rows scored at entity level. */
      rows: z.number().int().nonnegative(),
      overall: EntityMetricsSchema,
      by_label: z.array(EntityMetricsSchema),
    })
    .optional(),
});
export type GuardMetrics = z.infer<typeof GuardMetricsSchema>;

/** What `evalgate guard eval --json` prints. */
export const GuardEvalReportSchema = z.object({
  guardrails: z.string(),
  rows: z.number().int().nonnegative(),
  guards: z.array(GuardMetricsSchema),
});
export type GuardEvalReport = z.infer<typeof GuardEvalReportSchema>;
