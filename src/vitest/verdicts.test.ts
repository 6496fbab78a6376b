import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_AT, readFixtureRun } from "../../tests/fixtures/runs/fixture-runs.js";
import type { RunData } from "../log/index.js";
import { summarize } from "../report/index.js";
import { evalVerdicts, type VerdictInput } from "./verdicts.js";

// tests/fixtures/runs/support-bot: 4 cases × 3 trials (see src/report/summarize.test.ts).
//   refund-policy   ✓ ✓ ✓
//   shipping-time   ✓ ✗ ✓   grounded fails trial 1
//   cancel-order    ✗ ✗ !   cites-source fails 0 and 1, grounded fails 0; trial 2 target timeout
//   warranty-claim  ✓ ! ✗   polite unscored on 1; polite and answer-length fail 2
// overall 6/10 scored, 95% CI 28.8%–84.7% (pinned in summarize.test.ts); 2 of 12 trials unscored.
let run: RunData;
beforeAll(async () => {
  run = await readFixtureRun("support-bot");
});

function verdicts(overrides: Partial<VerdictInput>) {
  const summary = summarize(run.manifest, run.trials, { generatedAt: GENERATED_AT });
  return evalVerdicts({ summary, trials: run.trials, thresholds: [], maxErrorRate: 0.2, ...overrides });
}

describe("evalVerdicts", () => {
  it("names every case with its pass rate across repeats, unscored repeats apart", () => {
    expect(verdicts({}).cases.map((c) => c.name)).toEqual([
      "refund-policy  3/3 passed (100%)",
      "shipping-time  2/3 passed (67%)",
      "cancel-order  0/2 passed (0%), 1 unscored",
      "warranty-claim  1/2 passed (50%), 1 unscored",
    ]);
  });

  it("passes every case while the thresholds hold, keeping the failing repeats as details", () => {
    const result = verdicts({ thresholds: [{ metric: "overall", floor: 0.5, on: "estimate" }] });
    expect(result.aggregates.map((a) => [a.name, a.passed])).toEqual([
      ["overall ≥ 50.0% on the rate: 60.0% (95% CI 28.8%–84.7%, 10 trials over 4 cases)", true],
      ["unscored trials ≤ 20.0% (max_error_rate): 2 of 12", true],
    ]);
    expect(result.cases.every((c) => c.passed)).toBe(true);
    expect(result.cases.find((c) => c.caseId === "refund-policy")?.details).toBeUndefined();
    expect(result.cases.find((c) => c.caseId === "shipping-time")?.details).toMatchInlineSnapshot(`
      "shipping-time: 2 of 3 repeats passed:
        trial 1: fail
          ✖ judge grounded: Claims 2-day shipping; the retrieved policy says 5–7 business days."
    `);
  });

  it("fails a missed threshold with rate, interval and floor, and fails the cases that count against it", () => {
    const result = verdicts({ thresholds: [{ metric: "grounded", floor: 0.8, on: "lower_bound" }] });
    const [grounded] = result.aggregates;
    expect(grounded?.passed).toBe(false);
    expect(grounded?.message).toMatchInlineSnapshot(
      `"grounded: the lower 95% bound 52.3% is below the threshold 80.0%; pass rate 81.8% (95% CI 52.3%–94.9%, 11 trials over 4 cases). The rate itself meets it, but the interval is too wide to be sure: more cases narrow it."`,
    );
    expect(result.cases.map((c) => [c.caseId, c.passed])).toEqual([
      ["refund-policy", true],
      ["shipping-time", false],
      ["cancel-order", false],
      ["warranty-claim", true],
    ]);
    expect(result.cases.find((c) => c.caseId === "cancel-order")?.details).toMatchInlineSnapshot(`
      "cancel-order counts against the grounded threshold; 0 of 3 repeats passed:
        trial 0: fail
          ✖ check cites-source: no citation of a retrieved document
          ✖ judge grounded: Invents a 'cancel' button in the mobile app; the context only describes cancelling by email.
        trial 1: fail
          ✖ check cites-source: no citation of a retrieved document
        trial 2: error: Target did not answer within 30000 ms (raise timeout_ms in the suite config if this is expected)."
    `);
  });

  it("fails the error budget like evalgate run's exit code, and the cases whose repeats went unscored", () => {
    const result = verdicts({ maxErrorRate: 0 });
    const budget = result.aggregates.at(-1);
    expect(budget?.passed).toBe(false);
    expect(budget?.message).toMatchInlineSnapshot(`
      "2 of 12 trials could not be scored (16.7%), more than max_error_rate 0.0% allows:
        1× target: Target did not answer within 30000 ms (raise timeout_ms in the suite config if this is expected).
        1× judge polite: Judge reply had no PASS/FAIL verdict (expected a JSON object with "verdict")."
    `);
    expect(result.cases.filter((c) => !c.passed).map((c) => c.caseId)).toEqual(["cancel-order", "warranty-claim"]);
  });

  it("fails a threshold whose metric was never scored", () => {
    const empty = { ...run, trials: run.trials.map((t) => ({ ...t, status: "error" as const, error: { code: "TARGET_FAILED", message: "down" } })) };
    const summary = summarize(empty.manifest, empty.trials, { generatedAt: GENERATED_AT });
    const [overall] = evalVerdicts({ summary, trials: empty.trials, thresholds: [{ metric: "overall", floor: 0, on: "lower_bound" }], maxErrorRate: 1 }).aggregates;
    expect(overall).toMatchObject({ passed: false, name: "overall ≥ 0.0%: nothing scored" });
  });
});
