import { describe, expect, it } from "vitest";
import { readFixtureRun, trialOf } from "../../tests/fixtures/runs/fixture-runs.js";
import type { CheckResult, JudgeVerdict } from "../log/index.js";
import { rankFailureModes } from "./failure-modes.js";

describe("rankFailureModes", () => {
  it("ranks the support-bot fixture's failure modes by failing trials, then cases", async () => {
    // Scored trials: 10 (12 minus the timeout and the unscored polite verdict);
    // failing trials: 4 (shipping-time #1, cancel-order #0 and #1, warranty-claim #2).
    const { trials } = await readFixtureRun("support-bot");
    expect(rankFailureModes(trials)).toEqual([
      {
        kind: "judge",
        id: "grounded",
        label: "hallucination",
        failed_trials: 2,
        failed_cases: 2,
        share_of_scored: 0.2,
        share_of_failures: 0.5,
      },
      {
        kind: "check",
        id: "cites-source",
        label: "cites-source",
        check_type: "citations",
        failed_trials: 2,
        failed_cases: 1,
        share_of_scored: 0.2,
        share_of_failures: 0.5,
      },
      {
        kind: "check",
        id: "answer-length",
        label: "answer-length",
        check_type: "length",
        failed_trials: 1,
        failed_cases: 1,
        share_of_scored: 0.1,
        share_of_failures: 0.25,
      },
      {
        kind: "judge",
        id: "polite",
        label: "rude-tone",
        failed_trials: 1,
        failed_cases: 1,
        share_of_scored: 0.1,
        share_of_failures: 0.25,
      },
    ]);
  });

  const check = (id: string, outcome: CheckResult["outcome"]): CheckResult => ({
    id,
    type: "regex",
    outcome,
    reason: "",
  });
  const verdict = (id: string, outcome: JudgeVerdict["outcome"]): JudgeVerdict => ({
    id,
    version: "v1",
    failure_mode: `${id}-mode`,
    model: "m",
    outcome,
    critique: "",
  });

  it("counts a trial failing two modes in both, and a mode failing twice in one case once per case", () => {
    const trials = [
      trialOf({ case_id: "a", trial: 0, checks: [check("x", "fail")], judges: [verdict("j", "fail")] }),
      trialOf({ case_id: "a", trial: 1, checks: [check("x", "fail")], judges: [verdict("j", "pass")] }),
      trialOf({ case_id: "b", trial: 0, checks: [check("x", "pass")], judges: [verdict("j", "pass")] }),
      trialOf({ case_id: "c", trial: 0, checks: [check("x", "pass")], judges: [verdict("j", "fail")] }),
    ];
    const rows = rankFailureModes(trials).map((r) => [
      r.id,
      r.failed_trials,
      r.failed_cases,
      r.share_of_scored,
      r.share_of_failures,
    ]);
    // Equal failing trials: the mode spread over more cases ranks first.
    expect(rows).toEqual([
      ["j", 2, 2, 2 / 4, 2 / 3],
      ["x", 2, 1, 2 / 4, 2 / 3],
    ]);
  });

  it("leaves unscored trials out of the shares and breaks ties by kind then id", () => {
    const trials = [
      trialOf({ case_id: "a", checks: [check("zeta", "fail")] }),
      trialOf({ case_id: "b", judges: [verdict("alpha", "fail")] }),
      trialOf({ case_id: "c", checks: [check("beta", "fail")] }),
      trialOf({ case_id: "d", status: "error", error: { code: "TARGET_FAILED", message: "boom" } }),
      trialOf({ case_id: "e", checks: [check("beta", "error")] }),
    ];
    const rows = rankFailureModes(trials);
    expect(rows.map((r) => `${r.kind} ${r.id}`)).toEqual(["check beta", "check zeta", "judge alpha"]);
    expect(rows.map((r) => r.share_of_scored)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("lists nothing when no trial fails", () => {
    expect(rankFailureModes([trialOf({ case_id: "a", checks: [check("x", "pass")] })])).toEqual([]);
  });
});
