import type { Outcome } from "../../log/index.js";
import type { CaseSummary } from "../summary-schema.js";
import { Float64List } from "./growable.js";

const OUTCOMES: readonly Outcome[] = ["pass", "fail", "error"];

/** Each case's trial outcomes, kept as two numbers per trial until the end sorts them into trial order. */
export class CaseTally {
  private readonly positions = new Float64List();
  private readonly trials = new Float64List();

  add(casePosition: number, trial: number, outcome: Outcome): void {
    this.positions.push(casePosition);
    this.trials.push(trial * OUTCOMES.length + OUTCOMES.indexOf(outcome));
  }

  finish(caseIds: readonly string[]): CaseSummary[] {
    const cases: CaseSummary[] = caseIds.map((id) => ({ case_id: id, outcomes: [], passed: 0, failed: 0, errors: 0, flaky: false }));
    const order = Array.from({ length: this.positions.length }, (_, i) => i).sort(
      (a, b) => this.positions.at(a) - this.positions.at(b) || this.trials.at(a) - this.trials.at(b),
    );
    for (const i of order) {
      const summary = cases[this.positions.at(i)]!;
      const outcome = OUTCOMES[this.trials.at(i) % OUTCOMES.length]!;
      summary.outcomes.push(outcome);
      if (outcome === "pass") summary.passed += 1;
      else if (outcome === "fail") summary.failed += 1;
      else summary.errors += 1;
    }
    for (const summary of cases) summary.flaky = summary.passed > 0 && summary.failed > 0;
    return cases;
  }
}
