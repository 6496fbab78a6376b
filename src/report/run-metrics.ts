import type { RunManifest, TrialRecord } from "../log/index.js";
import type { Summary } from "./summary-schema.js";

/** A check or judge of a run: one column of the results, one row of the scores table. */
export interface RunMetric {
  kind: "check" | "judge";
  id: string;
  /** What fails: the judge's failure_mode, or the check's id (as in the failure-mode table). */
  label: string;
  /** The check's type, or the judge's version. */
  type: string;
}

/**
 * Every check, then every judge, in manifest order; ids found only in the
 * results log (a config changed mid-run) follow in first-seen order, the
 * same order as the summary's scores.
 */
export function runMetrics(manifest: Pick<RunManifest, "checks" | "judges">, trials: readonly TrialRecord[]): RunMetric[] {
  const checks = new Map<string, RunMetric>(manifest.checks.map((c) => [c.id, { kind: "check", id: c.id, label: c.id, type: c.type }]));
  const judges = new Map<string, RunMetric>(manifest.judges.map((j) => [j.id, { kind: "judge", id: j.id, label: j.failure_mode, type: j.version }]));
  for (const trial of trials) {
    for (const c of trial.checks) if (!checks.has(c.id)) checks.set(c.id, { kind: "check", id: c.id, label: c.id, type: c.type });
    for (const j of trial.judges) if (!judges.has(j.id)) judges.set(j.id, { kind: "judge", id: j.id, label: j.failure_mode, type: j.version });
  }
  return [...checks.values(), ...judges.values()];
}

/** The same metrics, from a summary (its scores list every check and judge, in this order), without the trials. */
export function summaryMetrics(summary: Pick<Summary, "scores">): RunMetric[] {
  return summary.scores.map((s) =>
    s.kind === "check" ? { kind: "check", id: s.id, label: s.id, type: s.type } : { kind: "judge", id: s.id, label: s.failure_mode, type: s.version },
  );
}
