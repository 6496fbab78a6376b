import { trialOutcome, type TrialRecord } from "../../log/index.js";
import type { CaseSummary } from "../summary-schema.js";

/** `trials` must already be in case then trial order (see orderTrials). */
export function summarizeCases(caseIds: readonly string[], trials: readonly TrialRecord[]): CaseSummary[] {
  const byCase = new Map<string, CaseSummary>(
    caseIds.map((id) => [id, { case_id: id, outcomes: [], passed: 0, failed: 0, errors: 0, flaky: false }]),
  );
  for (const trial of trials) {
    const summary = byCase.get(trial.case_id)!;
    const outcome = trialOutcome(trial);
    summary.outcomes.push(outcome);
    if (outcome === "pass") summary.passed += 1;
    else if (outcome === "fail") summary.failed += 1;
    else summary.errors += 1;
  }
  for (const summary of byCase.values()) summary.flaky = summary.passed > 0 && summary.failed > 0;
  return [...byCase.values()];
}
