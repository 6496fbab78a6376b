import { trialOutcome, type TrialRecord } from "../log/index.js";
import type { FailureModeRow } from "./summary-schema.js";

/**
 * The failure-mode table: code checks and judges together, ranked by how many
 * trials fail them (then by distinct cases, then id). This is the pivot teams
 * otherwise build by hand from a spreadsheet of critiques. Only modes with at
 * least one failing trial are listed; a trial failing two modes counts in both,
 * so shares can add up to more than the run's failure rate.
 *
 * Expects one record per (case, trial), as summarize passes them.
 */
export function rankFailureModes(trials: readonly TrialRecord[]): FailureModeRow[] {
  let scored = 0;
  let failing = 0;
  const modes = new Map<
    string,
    { row: Omit<FailureModeRow, "failed_cases" | "share_of_scored" | "share_of_failures">; cases: Set<string> }
  >();
  const fail = (identity: Pick<FailureModeRow, "kind" | "id" | "label" | "check_type">, caseId: string) => {
    const key = `${identity.kind} ${identity.id}`;
    let mode = modes.get(key);
    if (!mode) {
      mode = { row: { ...identity, failed_trials: 0 }, cases: new Set() };
      modes.set(key, mode);
    }
    mode.row.failed_trials += 1;
    mode.cases.add(caseId);
  };

  for (const trial of trials) {
    const outcome = trialOutcome(trial);
    if (outcome === "error") continue;
    scored += 1;
    if (outcome === "pass") continue;
    failing += 1;
    for (const check of trial.checks)
      if (check.outcome === "fail")
        fail({ kind: "check", id: check.id, label: check.id, check_type: check.type }, trial.case_id);
    for (const judge of trial.judges)
      if (judge.outcome === "fail") fail({ kind: "judge", id: judge.id, label: judge.failure_mode }, trial.case_id);
  }

  return [...modes.values()]
    .map(({ row, cases }) => ({
      ...row,
      failed_cases: cases.size,
      share_of_scored: row.failed_trials / scored,
      share_of_failures: row.failed_trials / failing,
    }))
    .sort((a, b) => b.failed_trials - a.failed_trials || b.failed_cases - a.failed_cases || compareIds(a, b));
}

/** Code-unit order, not locale order: the table must not change with the machine's locale. */
function compareIds(a: FailureModeRow, b: FailureModeRow): number {
  const left = `${a.kind} ${a.id}`;
  const right = `${b.kind} ${b.id}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
