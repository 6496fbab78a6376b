import { trialOutcome, type Outcome, type TrialRecord } from "../log/index.js";
import { FirstSeen } from "./internal/order-key.js";
import type { FailureModeRow } from "./summary-schema.js";

type Identity = Pick<FailureModeRow, "kind" | "id" | "label" | "check_type">;

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
  const tally = new FailureModeTally();
  const positions = new Map<string, number>();
  for (const trial of trials) {
    if (!positions.has(trial.case_id)) positions.set(trial.case_id, positions.size);
    tally.add(positions.get(trial.case_id)!, trial, trialOutcome(trial));
  }
  return tally.finish();
}

/** rankFailureModes one trial at a time; a mode's label is the one of its first failure in case then trial order. */
export class FailureModeTally {
  private scored = 0;
  private failing = 0;
  private readonly modes = new Map<string, { failedTrials: number; cases: Set<number> }>();
  private readonly identities = new FirstSeen<Identity>();

  add(casePosition: number, trial: TrialRecord, outcome: Outcome): void {
    if (outcome === "error") return;
    this.scored += 1;
    if (outcome === "pass") return;
    this.failing += 1;
    let within = 0;
    const fail = (identity: Identity) => {
      const key = `${identity.kind} ${identity.id}`;
      let mode = this.modes.get(key);
      if (!mode) this.modes.set(key, (mode = { failedTrials: 0, cases: new Set() }));
      mode.failedTrials += 1;
      mode.cases.add(casePosition);
      this.identities.offer(key, [casePosition, trial.trial, within], identity);
    };
    for (const check of trial.checks) {
      if (check.outcome === "fail") fail({ kind: "check", id: check.id, label: check.id, check_type: check.type });
      within++;
    }
    for (const judge of trial.judges) {
      if (judge.outcome === "fail") fail({ kind: "judge", id: judge.id, label: judge.failure_mode });
      within++;
    }
  }

  finish(): FailureModeRow[] {
    return [...this.modes]
      .map(([key, { failedTrials, cases }]) => ({
        ...this.identities.get(key)!,
        failed_trials: failedTrials,
        failed_cases: cases.size,
        share_of_scored: failedTrials / this.scored,
        share_of_failures: failedTrials / this.failing,
      }))
      .sort((a, b) => b.failed_trials - a.failed_trials || b.failed_cases - a.failed_cases || compareIds(a, b));
  }
}

/** Code-unit order, not locale order: the table must not change with the machine's locale. */
function compareIds(a: FailureModeRow, b: FailureModeRow): number {
  const left = `${a.kind} ${a.id}`;
  const right = `${b.kind} ${b.id}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
