import { percentile } from "../../stats/index.js";
import type { GuardDecision } from "../types.js";
import type { GuardMetrics } from "./report-schema.js";
import type { GuardEvalRow } from "./row-schema.js";
import { entityMetrics, SPAN_MATCH_RULE } from "./span-match.js";

/** What the metrics need to know about a guard. */
export type GuardInfo = Pick<GuardMetrics, "id" | "type" | "stage" | "action">;

/** One row and what the guard decided on it. */
export interface RowDecision {
  row: GuardEvalRow;
  decision: Pick<GuardDecision, "triggered" | "spans" | "latency_ms" | "error">;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** Latencies in reports: a thousandth of a millisecond is finer than any clock jitter. */
const roundMs = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 1000) / 1000);

/**
 * Scores one guard on labelled rows.
 *
 * - Only rows of the guard's stage count; the guard is expected on a row iff
 *   its id is in `expect_triggered`.
 * - precision = tp/(tp+fp), recall = tp/(tp+fn), f1 = 2tp/(2tp+fp+fn); each
 *   is null when its denominator is 0 (a guard that never fired has no
 *   precision; a set with no positive for it measures no recall).
 * - fpr is measured on clean rows (rows of the stage that expect no guard):
 *   the share of legitimate traffic the guard stops. Rows that expect another
 *   guard are left out of it on purpose (an injection that also carries an
 *   email is not legitimate traffic), though they still count in fp and tn.
 * - A guard that threw or timed out counts with the decision its on_error
 *   gave (closed: triggered), as production would see it, and is listed in
 *   `errors`.
 * - PII guards also get entity-level figures: a row is scored at entity level
 *   when it has `expect_spans`, or when it does not expect this guard (then
 *   it expects no entity); a row expecting the guard without spans is skipped there.
 */
export function scoreGuard(guard: GuardInfo, outcomes: readonly RowDecision[]): GuardMetrics {
  const rows = outcomes.filter((outcome) => outcome.row.stage === guard.stage);
  const metrics: GuardMetrics = {
    ...guard,
    rows: rows.length,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    precision: null,
    recall: null,
    f1: null,
    fpr: null,
    clean_rows: 0,
    clean_triggered: 0,
    p50_ms: null,
    p95_ms: null,
    false_positives: [],
    misses: [],
    errors: [],
  };
  for (const { row, decision } of rows) {
    const expected = row.expect_triggered.includes(guard.id);
    const fired = decision.triggered;
    if (expected && fired) metrics.tp += 1;
    else if (expected) {
      metrics.fn += 1;
      metrics.misses.push(row.id);
    } else if (fired) {
      metrics.fp += 1;
      metrics.false_positives.push(row.id);
    } else metrics.tn += 1;
    if (row.expect_triggered.length === 0) {
      metrics.clean_rows += 1;
      if (fired) metrics.clean_triggered += 1;
    }
    if (decision.error !== undefined) metrics.errors.push({ id: row.id, error: decision.error });
  }
  const { tp, fp, fn } = metrics;
  metrics.precision = ratio(tp, tp + fp);
  metrics.recall = ratio(tp, tp + fn);
  metrics.f1 = ratio(2 * tp, 2 * tp + fp + fn);
  metrics.fpr = ratio(metrics.clean_triggered, metrics.clean_rows);
  const latencies = rows.map((outcome) => outcome.decision.latency_ms);
  metrics.p50_ms = roundMs(percentile(latencies, 50));
  metrics.p95_ms = roundMs(percentile(latencies, 95));
  if (guard.type === "pii") {
    const scored = rows.filter(({ row }) => row.expect_spans !== undefined || !row.expect_triggered.includes(guard.id));
    const figures = entityMetrics(scored.map(({ row, decision }) => ({ expected: row.expect_spans ?? [], found: decision.spans ?? [] })));
    metrics.entities = { match: SPAN_MATCH_RULE, rows: scored.length, ...figures };
  }
  return metrics;
}
