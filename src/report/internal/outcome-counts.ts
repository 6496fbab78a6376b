import type { Outcome } from "../../log/index.js";
import { clusteredProportion, type CaseCounts } from "../../stats/index.js";
import type { Rate } from "../summary-schema.js";
import { Uint32Counters } from "./growable.js";

export interface OutcomeCounts {
  passed: number;
  failed: number;
  errors: number;
  pass_rate: Rate;
}

/**
 * Pass / fail / unscored counts of one metric, per case position (eight bytes
 * per case). Errors are counted but kept out of the rate: unscored is neither
 * pass nor fail. The interval clusters by case, since a case's repeats are
 * correlated; cases are fed to it in case order.
 */
export class OutcomeTally {
  private readonly passed = new Uint32Counters();
  private readonly scored = new Uint32Counters();
  private errors = 0;

  add(casePosition: number, outcome: Outcome): void {
    if (outcome === "error") {
      this.errors += 1;
      return;
    }
    this.scored.increment(casePosition);
    if (outcome === "pass") this.passed.increment(casePosition);
  }

  counts(confidence: number): OutcomeCounts {
    const cases: CaseCounts[] = [];
    for (let i = 0; i < this.scored.capacity; i++) {
      const trials = this.scored.get(i);
      if (trials > 0) cases.push({ passed: this.passed.get(i), trials });
    }
    const interval = clusteredProportion(cases, confidence);
    const passed = cases.reduce((sum, c) => sum + c.passed, 0);
    return {
      passed,
      failed: interval.trials - passed,
      errors: this.errors,
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
}
