import { stringify } from "csv-stringify/sync";
import { orderTrials, type RunManifest, type TrialRecord } from "../log/index.js";
import { runMetrics, type RunMetric } from "./run-metrics.js";

/** The header of results.csv; one row per trial × check or judge. */
export const RESULTS_CSV_COLUMNS = ["case", "tags", "trial", "metric", "kind", "failure_mode", "outcome", "critique"] as const;

/** Joins a case's tags in one cell; a spreadsheet filter on "contains" still finds each. */
const TAG_SEPARATOR = "; ";

/**
 * results.csv: the results log flattened for pivot tables, one row per trial
 * and metric, in case then trial then metric order. Every trial has a row for
 * every metric, so rows = trials × metrics: a trial the target failed is
 * "error" on all of them (the critique says why), and a judge that gave no
 * verdict (its applies_when left the case out, or a gating check failed) is
 * "skipped". Cells a spreadsheet would run as a formula (=, +, -, @ …) are
 * prefixed with a quote: model output and critiques are untrusted. (A run's
 * results.csv is written in one streaming pass, in results.jsonl order:
 * see writeRunReports.)
 */
export function formatResultsCsv(manifest: Pick<RunManifest, "case_ids" | "checks" | "judges">, trials: readonly TrialRecord[]): string {
  const ordered = orderTrials(manifest, trials).trials;
  const metrics = runMetrics(manifest, ordered);
  return resultsCsvHeader() + ordered.map((trial) => resultsCsvRows(metrics, trial)).join("");
}

/** The header line of results.csv. */
export function resultsCsvHeader(): string {
  return stringify([[...RESULTS_CSV_COLUMNS]]);
}

/** One trial's lines of results.csv, one per metric: results.csv of a large run is written trial by trial. */
export function resultsCsvRows(metrics: readonly RunMetric[], trial: TrialRecord): string {
  const rows: string[][] = [];
  const tags = (trial.tags ?? []).join(TAG_SEPARATOR);
  const checks = new Map(trial.checks.map((c) => [c.id, c]));
  const judges = new Map(trial.judges.map((j) => [j.id, j]));
  const gating = trial.checks.find((c) => c.gating === true && c.outcome === "fail");
  for (const metric of metrics) {
    const cell = (outcome: string, critique: string) => [trial.case_id, tags, String(trial.trial), metric.id, metric.kind, metric.label, outcome, critique];
    if (trial.status === "error") {
      rows.push(cell("error", `target failed: ${trial.error?.message ?? "no error recorded"}`));
    } else if (metric.kind === "check") {
      const check = checks.get(metric.id);
      rows.push(check ? cell(check.outcome, check.reason) : cell("skipped", "no result recorded for this check"));
    } else {
      const verdict = judges.get(metric.id);
      if (verdict) rows.push(cell(verdict.outcome, verdict.critique));
      else rows.push(cell("skipped", gating ? `not judged: gating check ${gating.id} failed` : "not judged: the judge does not apply to this case"));
    }
  }
  return rows.length === 0 ? "" : stringify(rows, { escape_formulas: true });
}
