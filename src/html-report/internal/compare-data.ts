import type { GateResult } from "../../gate/index.js";
import { orderTrials, trialOutcome, type RunManifest, type TrialRecord } from "../../log/index.js";
import type { ReportBaselineTrial, ReportCompare } from "../report-data.js";
import type { TextTable } from "./text-table.js";
import { OUTCOME_CHAR } from "./trial-columns.js";

/** Cases whose baseline trials the page can show next to the candidate's; the rest are counted. */
export const BASELINE_CASES_LISTED = 200;
/** Newly failing cases kept per compared metric (each carries its reasons). */
export const NEWLY_FAILING_LISTED = 500;

/**
 * The compare part of the page: the gate's result, with each metric's list
 * of cases that got worse capped, and the baseline's trials of those cases
 * (overall first, then by metric), so a case shows what changed.
 */
export function compareData(result: GateResult, baseline: { manifest: RunManifest; trials: readonly TrialRecord[] }, table: TextTable): ReportCompare {
  const wanted: string[] = [];
  const seen = new Set<string>();
  const metrics = [...result.metrics].sort((a, b) => Number(b.kind === "overall") - Number(a.kind === "overall"));
  for (const metric of metrics) {
    for (const c of metric.newly_failing_cases) {
      if (seen.has(c.case_id)) continue;
      seen.add(c.case_id);
      wanted.push(c.case_id);
    }
  }
  const listed = new Set(wanted.slice(0, BASELINE_CASES_LISTED));
  const byCase = new Map<string, ReportBaselineTrial[]>();
  for (const trial of orderTrials(baseline.manifest, baseline.trials).trials) {
    if (!listed.has(trial.case_id)) continue;
    let trials = byCase.get(trial.case_id);
    if (!trials) byCase.set(trial.case_id, (trials = []));
    trials.push({
      trial: trial.trial,
      outcome: OUTCOME_CHAR[trialOutcome(trial)] as ReportBaselineTrial["outcome"],
      output: table.json(trial.output),
      error: trial.error ? table.text(`${trial.error.code}: ${trial.error.message}`) : -1,
      scores: [
        ...trial.checks.map((c) => ({ key: `check:${c.id}`, outcome: OUTCOME_CHAR[c.outcome], reason: table.text(c.reason) })),
        ...trial.judges.map((j) => ({ key: `judge:${j.id}`, outcome: OUTCOME_CHAR[j.outcome], reason: table.text(j.critique) })),
      ],
    });
  }
  const omitted: Record<string, number> = {};
  const capped = {
    ...result,
    metrics: result.metrics.map((m) => {
      if (m.newly_failing_cases.length <= NEWLY_FAILING_LISTED) return m;
      omitted[m.id] = m.newly_failing_cases.length - NEWLY_FAILING_LISTED;
      return { ...m, newly_failing_cases: m.newly_failing_cases.slice(0, NEWLY_FAILING_LISTED) };
    }),
  };
  return {
    result: capped,
    baseline_run: { run_id: baseline.manifest.run_id, started_at: baseline.manifest.started_at },
    baseline_trials: wanted.filter((id) => byCase.has(id)).map((case_id) => ({ case_id, trials: byCase.get(case_id)! })),
    baseline_trials_omitted: Math.max(0, wanted.length - BASELINE_CASES_LISTED),
    newly_failing_omitted: omitted,
  };
}
