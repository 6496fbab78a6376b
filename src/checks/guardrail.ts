import { appliesTo, type CheckConfigOf } from "../config/index.js";
import type { GuardDecision } from "../log/index.js";
import { fail, pass, unscored } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

export type GuardExpectation = CheckConfigOf<"guardrail">["expect"];

/**
 * Whether the guard `guard` decided as expected on this trial. A guard that
 * did not run (an earlier guard blocked, or the input stage blocked before
 * the output stage) did not trigger. A guard that threw or timed out
 * decided nothing: "error", whatever its on_error made of it.
 */
export function scoreGuardrail(decisions: readonly GuardDecision[], guard: string, expect: GuardExpectation): CheckVerdict {
  const wanted = expect === "triggered" ? "expected it to trigger" : "expected it not to trigger";
  const decision = decisions.find((d) => d.id === guard);
  if (!decision) {
    const blocker = decisions.find((d) => d.action === "block" && d.triggered);
    const why = blocker ? ` (the ${blocker.stage} guard "${blocker.id}" blocked first)` : "";
    const seen = `guard "${guard}" did not run${why}`;
    return expect === "not-triggered" ? pass(seen) : fail(`${seen}; ${wanted}`);
  }
  if (decision.error !== undefined) return unscored(`guard "${guard}" failed, so whether it triggers is unknown: ${decision.error}`);
  const seen = decision.triggered ? `guard "${guard}" triggered (${decision.action}${decision.reason ? `: ${decision.reason}` : ""})` : `guard "${guard}" did not trigger`;
  return decision.triggered === (expect === "triggered") ? pass(seen) : fail(`${seen}; ${wanted}`);
}

export function guardrailCheck(config: CheckConfigOf<"guardrail">): CheckRun {
  return (input) => {
    if (!appliesTo(config.applies_when, input.tags)) return pass("not applicable: the case's tags are outside applies_when");
    if (input.guardrails === undefined) return unscored("this trial ran without guardrails; set `guardrails:` in the suite");
    return scoreGuardrail(input.guardrails, config.guard, config.expect);
  };
}
