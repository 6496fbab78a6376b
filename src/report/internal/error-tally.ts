import type { TrialRecord } from "../../log/index.js";
import type { ErrorMessageCount } from "../summary-schema.js";
import { compareKeys, type OrderKey } from "./order-key.js";

/**
 * Every target error and every check or judge that could not be scored, also
 * in trials that failed for another reason: all of them need fixing. Grouped
 * by source and exact message, most frequent first, ties in first-seen order.
 */
export class ErrorTally {
  private readonly counts = new Map<string, { key: OrderKey; row: ErrorMessageCount }>();

  add(casePosition: number, trial: TrialRecord): void {
    let within = 0;
    const add = (source: string, message: string) => {
      const key: OrderKey = [casePosition, trial.trial, within];
      const id = JSON.stringify([source, message]);
      const existing = this.counts.get(id);
      if (!existing) this.counts.set(id, { key, row: { source, message, count: 1 } });
      else {
        existing.row.count += 1;
        if (compareKeys(key, existing.key) < 0) existing.key = key;
      }
    };
    if (trial.status === "error") add("target", trial.error?.message ?? "(no error message recorded)");
    within = 1;
    for (const check of trial.checks) {
      if (check.outcome === "error") add(`check ${check.id}`, check.reason);
      within++;
    }
    for (const judge of trial.judges) {
      if (judge.outcome === "error") add(`judge ${judge.id}`, judge.critique);
      within++;
    }
  }

  finish(): ErrorMessageCount[] {
    return [...this.counts.values()].sort((a, b) => b.row.count - a.row.count || compareKeys(a.key, b.key)).map((e) => e.row);
  }
}
