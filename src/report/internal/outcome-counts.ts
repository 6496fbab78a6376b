import type { Outcome } from "../../log/index.js";
import type { Rate } from "../summary-schema.js";
import { rateOf } from "./rate.js";

export interface OutcomeCounts {
  passed: number;
  failed: number;
  errors: number;
  pass_rate: Rate;
}

/** Errors are counted but kept out of the rate: unscored is neither pass nor fail. */
export function countOutcomes(outcomes: Iterable<Outcome>, confidence: number): OutcomeCounts {
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const outcome of outcomes) {
    if (outcome === "pass") passed += 1;
    else if (outcome === "fail") failed += 1;
    else errors += 1;
  }
  return { passed, failed, errors, pass_rate: rateOf(passed, passed + failed, confidence) };
}
