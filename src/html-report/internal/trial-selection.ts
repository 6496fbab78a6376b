import { trialOutcome, type TrialRecord } from "../../log/index.js";

/**
 * The most trials report.html embeds in full. A run up to this size is all
 * there; a larger one keeps every failing or unscored trial up to the limit,
 * then passing ones to fill it, and the page shows per-case results from the
 * summary (which counts every trial) with a notice saying so. 2,000 trials of
 * about 5 KB (RAG contexts) keep the page and its build near 10 MB.
 */
export const EMBEDDED_TRIALS_LIMIT = 2_000;

/** Picks the trials a report embeds, one trial at a time (a streaming pass over the log). */
export class TrialSelection {
  private readonly notPassing: TrialRecord[] = [];
  private readonly passing: TrialRecord[] = [];
  recorded = 0;

  constructor(private readonly limit = EMBEDDED_TRIALS_LIMIT) {}

  add(trial: TrialRecord): void {
    this.recorded += 1;
    const kept = trialOutcome(trial) === "pass" ? this.passing : this.notPassing;
    if (kept.length < this.limit) kept.push(trial);
  }

  finish(): { trials: TrialRecord[]; recorded: number; limit: number } {
    const trials = [...this.notPassing, ...this.passing.slice(0, this.limit - this.notPassing.length)];
    return { trials, recorded: this.recorded, limit: this.limit };
  }
}
