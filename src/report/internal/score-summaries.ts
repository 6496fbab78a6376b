import type { CheckResult, JudgeVerdict, RunManifest, TrialRecord } from "../../log/index.js";
import type { CheckScore, JudgeScore, ScoreSummary } from "../summary-schema.js";
import { countOutcomes } from "./outcome-counts.js";
import { totalUsage } from "./usage.js";

interface Located<T> {
  trial: TrialRecord;
  result: T;
}

/**
 * One entry per check, then per judge, in manifest order; ids that appear only
 * in the results log (a config changed mid-run) follow in first-seen order.
 */
export function summarizeScores(
  manifest: Pick<RunManifest, "checks" | "judges">,
  trials: readonly TrialRecord[],
  confidence: number,
): ScoreSummary[] {
  const checks = groupById(manifest.checks, trials, (t) => t.checks);
  const judges = groupById(manifest.judges, trials, (t) => t.judges);
  const manifestChecks = new Map(manifest.checks.map((c) => [c.id, c]));
  const manifestJudges = new Map(manifest.judges.map((j) => [j.id, j]));

  const checkScores = [...checks].map(([id, results]): CheckScore => ({
    kind: "check",
    id,
    type: manifestChecks.get(id)?.type ?? results[0]?.result.type ?? "unknown",
    ...countOutcomes(
      results.map((r) => ({ case_id: r.trial.case_id, outcome: r.result.outcome })),
      confidence,
    ),
  }));
  const judgeScores = [...judges].map(([id, verdicts]): JudgeScore => {
    const declared = manifestJudges.get(id) ?? verdicts[0]?.result;
    return {
      kind: "judge",
      id,
      failure_mode: declared?.failure_mode ?? id,
      version: declared?.version ?? "unknown",
      model: declared?.model ?? "unknown",
      ...countOutcomes(
        verdicts.map((v) => ({ case_id: v.trial.case_id, outcome: v.result.outcome })),
        confidence,
      ),
      failing: verdicts
        .filter((v) => v.result.outcome === "fail")
        .map((v) => ({ case_id: v.trial.case_id, trial: v.trial.trial, critique: v.result.critique })),
      usage: totalUsage(verdicts.map((v) => v.result)),
    };
  });
  return [...checkScores, ...judgeScores];
}

function groupById<T extends CheckResult | JudgeVerdict>(
  declared: ReadonlyArray<{ id: string }>,
  trials: readonly TrialRecord[],
  resultsOf: (trial: TrialRecord) => readonly T[],
): Map<string, Array<Located<T>>> {
  const groups = new Map<string, Array<Located<T>>>(declared.map((d) => [d.id, []]));
  for (const trial of trials) {
    for (const result of resultsOf(trial)) {
      const group = groups.get(result.id);
      if (group) group.push({ trial, result });
      else groups.set(result.id, [{ trial, result }]);
    }
  }
  return groups;
}
