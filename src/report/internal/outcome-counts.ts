import { trialOutcome, type Outcome, type TrialRecord } from "../../log/index.js";
import { clusteredProportion, type CaseCounts } from "../../stats/index.js";
import type { Rate } from "../summary-schema.js";

export interface OutcomeCounts {
  passed: number;
  failed: number;
  errors: number;
  pass_rate: Rate;
}

/** One scored (or unscored) trial of one case. */
export interface CaseOutcome {
  case_id: string;
  outcome: Outcome;
}

/**
 * Errors are counted but kept out of the rate: unscored is neither pass nor
 * fail. The interval clusters by case, since a case's repeats are correlated.
 */
export function countOutcomes(outcomes: Iterable<CaseOutcome>, confidence: number): OutcomeCounts {
  let errors = 0;
  const byCase = new Map<string, CaseCounts>();
  for (const { case_id, outcome } of outcomes) {
    if (outcome === "error") {
      errors += 1;
      continue;
    }
    const counts = byCase.get(case_id) ?? { passed: 0, trials: 0 };
    counts.trials += 1;
    if (outcome === "pass") counts.passed += 1;
    byCase.set(case_id, counts);
  }
  const interval = clusteredProportion([...byCase.values()], confidence);
  const passed = [...byCase.values()].reduce((sum, c) => sum + c.passed, 0);
  return {
    passed,
    failed: interval.trials - passed,
    errors,
    pass_rate: {
      rate: interval.estimate,
      low: interval.low,
      high: interval.high,
      trials: interval.trials,
      cases: interval.cases,
      method: interval.method,
      design_effect: interval.design_effect,
      within_case_share: interval.within_case_share,
    },
  };
}

export function caseOutcome(trial: TrialRecord): CaseOutcome {
  return { case_id: trial.case_id, outcome: trialOutcome(trial) };
}
