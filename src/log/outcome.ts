import type { Outcome, TrialRecord } from "./schema.js";

/**
 * A trial's overall outcome: "error" when the target failed; otherwise "fail"
 * when any check or judge failed; otherwise "error" when some score could not
 * be computed (unscored is never a pass); otherwise "pass".
 */
export function trialOutcome(trial: Pick<TrialRecord, "status" | "checks" | "judges">): Outcome {
  if (trial.status === "error") return "error";
  const scores = [...trial.checks, ...trial.judges];
  if (scores.some((s) => s.outcome === "fail")) return "fail";
  if (scores.some((s) => s.outcome === "error")) return "error";
  return "pass";
}
