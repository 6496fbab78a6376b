import type { TrialRecord } from "../../log/index.js";
import type { ErrorMessageCount } from "../summary-schema.js";

/**
 * Every target error and every check or judge that could not be scored, also
 * in trials that failed for another reason: all of them need fixing. Grouped
 * by source and exact message, most frequent first, ties in first-seen order.
 */
export function countErrorMessages(trials: readonly TrialRecord[]): ErrorMessageCount[] {
  const counts = new Map<string, ErrorMessageCount>();
  const add = (source: string, message: string) => {
    const key = JSON.stringify([source, message]);
    const existing = counts.get(key);
    if (existing) existing.count += 1;
    else counts.set(key, { source, message, count: 1 });
  };
  for (const trial of trials) {
    if (trial.status === "error") add("target", trial.error?.message ?? "(no error message recorded)");
    for (const check of trial.checks) if (check.outcome === "error") add(`check ${check.id}`, check.reason);
    for (const judge of trial.judges) if (judge.outcome === "error") add(`judge ${judge.id}`, judge.critique);
  }
  // Array.prototype.sort is stable, so equal counts keep first-seen order.
  return [...counts.values()].sort((a, b) => b.count - a.count);
}
