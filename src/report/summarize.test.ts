import { beforeAll, describe, expect, it } from "vitest";
import { alignedFixtureSummary } from "../../tests/fixtures/runs/alignment-fixtures.js";
import { GENERATED_AT, manifestOf, readFixtureRun, trialOf } from "../../tests/fixtures/runs/fixture-runs.js";
import type { CheckResult, JudgeVerdict } from "../log/index.js";
import { summarize } from "./summarize.js";
import { SummarySchema, type JudgeScore, type Summary } from "./summary-schema.js";

// tests/fixtures/runs/support-bot: 4 cases × 3 trials, checks cites-source and
// answer-length, judges grounded (hallucination) and polite (rude-tone).
//   refund-policy   ✓ ✓ ✓   (trial 2 answered from cache, judges cached too)
//   shipping-time   ✓ ✗ ✓   grounded fails trial 1
//   cancel-order    ✗ ✗ !   cites-source fails 0 and 1, grounded fails 0; trial 2 target timeout
//   warranty-claim  ✓ ! ✗   polite unscored on 1; polite and answer-length fail 2
// Intervals below cluster by case (docs/statistics.md). Reference: statsmodels
// 0.15.0, OLS(y, ones).fit(cov_type="cluster", cov_kwds={"groups": case,
// "use_correction": False}) for the clustered SE, deff = SE² / (p(1−p)/n),
// n_eff = min(n, n / deff), then proportion_confint(p · n_eff, n_eff,
// method="wilson"); compared to 8 decimals.
let summary: Summary;
beforeAll(async () => {
  const run = await readFixtureRun("support-bot");
  summary = summarize(run.manifest, run.trials, { generatedAt: GENERATED_AT });
});

const judge = (id: string) => summary.scores.find((s): s is JudgeScore => s.kind === "judge" && s.id === id)!;

describe("summarize on the support-bot fixture", () => {
  it("is a valid summary carrying the run's identity", () => {
    expect(SummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      schema_version: 2,
      run_id: "20250601-100000-support-bot-a1b2",
      suite: "support-bot",
      status: "completed",
      generated_at: "2025-06-01T10:05:00.000Z",
      confidence: 0.95,
      totals: { cases: 4, repeats: 3, trials_expected: 12, trials_recorded: 12 },
    });
  });

  it("survives a JSON round trip unchanged, as summary.json", () => {
    expect(SummarySchema.parse(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
  });

  it("counts trial outcomes and excludes unscored trials from the pass rate", () => {
    const { overall } = summary;
    expect([overall.passed, overall.failed, overall.errors]).toEqual([6, 4, 2]);
    expect(overall.pass_rate.trials).toBe(10);
    expect(overall.pass_rate.rate).toBe(0.6);
    expect(overall.pass_rate).toMatchObject({ cases: 4, method: "clustered-wilson" });
    expect(overall.pass_rate.design_effect).toBeCloseTo(1.2333333333333327, 10);
    expect(overall.pass_rate.low).toBeCloseTo(0.28823356639332903, 8);
    expect(overall.pass_rate.high).toBeCloseTo(0.8474719057198905, 8);
  });

  it("scores every check and judge in manifest order with intervals clustered by case", () => {
    const rows = summary.scores.map((s) => [s.kind, s.id, s.passed, s.failed, s.errors, s.pass_rate.trials]);
    expect(rows).toEqual([
      ["check", "cites-source", 9, 2, 0, 11],
      ["check", "answer-length", 10, 1, 0, 11],
      ["judge", "grounded", 9, 2, 0, 11],
      ["judge", "polite", 9, 1, 1, 10],
    ]);
    const [citesSource, answerLength, grounded, polite] = summary.scores.map((s) => s.pass_rate);
    expect(citesSource).toMatchObject({ rate: 9 / 11 });
    // cites-source fails both scored trials of one case: deff 2.18, so the interval widens.
    expect(citesSource!.design_effect).toBeCloseTo(2.1818181818181817, 10);
    expect(citesSource!.low).toBeCloseTo(0.392032132535163, 8);
    expect(citesSource!.high).toBeCloseTo(0.9691395449220854, 8);
    // deff < 1 (failures spread across cases): never narrower than Wilson over the trials.
    expect(answerLength!.low).toBeCloseTo(0.6226415635484044, 8);
    expect(answerLength!.high).toBeCloseTo(0.9837678271141153, 8);
    expect(grounded!.low).toBeCloseTo(0.5230194380391557, 8);
    expect(grounded!.high).toBeCloseTo(0.9486323102539149, 8);
    expect(polite).toMatchObject({ rate: 0.9 });
    expect(polite!.low).toBeCloseTo(0.5958499732047614, 8);
    expect(polite!.high).toBeCloseTo(0.982123786904927, 8);
    expect(summary.scores[0]).toMatchObject({ type: "citations" });
    expect(judge("grounded")).toMatchObject({ failure_mode: "hallucination", version: "v2", model: "gpt-4o-mini" });
  });

  it("lists each judge's failing trials with their critiques, in case order", () => {
    expect(judge("grounded").failing).toEqual([
      {
        case_id: "shipping-time",
        trial: 1,
        critique: "Claims 2-day shipping; the retrieved policy says 5–7 business days.",
      },
      {
        case_id: "cancel-order",
        trial: 0,
        critique: "Invents a 'cancel' button in the mobile app; the context only describes cancelling by email.",
      },
    ]);
    expect(judge("polite").failing.map((f) => [f.case_id, f.trial])).toEqual([["warranty-claim", 2]]);
  });

  it("totals each judge's tokens, cost and cache hits", () => {
    // 11 verdicts each; the refund-policy trial 2 verdicts are cached and spend nothing.
    expect(judge("grounded").usage).toEqual({
      input_tokens: 9000,
      output_tokens: 600,
      cost_usd: expect.closeTo(0.002, 12),
      cache_hits: 1,
      calls_with_usage: 10,
    });
    expect(judge("polite").usage).toMatchObject({ input_tokens: 3000, output_tokens: 400, cache_hits: 1 });
  });

  it("summarizes each case in manifest order and flags the flaky ones", () => {
    expect(summary.cases.map((c) => [c.case_id, c.outcomes.join(" "), c.passed, c.failed, c.errors, c.flaky])).toEqual([
      ["refund-policy", "pass pass pass", 3, 0, 0, false],
      ["shipping-time", "pass fail pass", 2, 1, 0, true],
      ["cancel-order", "fail fail error", 0, 2, 1, false],
      ["warranty-claim", "pass error fail", 1, 1, 1, true],
    ]);
    expect(summary.flaky_cases).toEqual(["shipping-time", "warranty-claim"]);
  });

  it("averages pass@3 and pass^3 over cases with three scored trials only", () => {
    // refund-policy: n=3 c=3 → pass@3 = 1, pass^3 = 1; shipping-time: n=3 c=2 → 1 and 0.
    // cancel-order and warranty-claim have 2 scored trials (one errored): left out.
    expect(summary.pass_k).toEqual({ k: 3, pass_at_k: 1, pass_hat_k: 0.5, cases_included: 2, cases_excluded: 2 });
  });

  it("reports errored trials, their rate and the distinct messages", () => {
    expect(summary.errors).toEqual({
      trials: 2,
      rate: 2 / 12,
      messages: [
        {
          source: "target",
          message: "Target did not answer within 30000 ms (raise timeout_ms in the suite config if this is expected).",
          count: 1,
        },
        {
          source: "judge polite",
          message: 'Judge reply had no PASS/FAIL verdict (expected a JSON object with "verdict").',
          count: 1,
        },
      ],
      distinct_messages: 2,
    });
  });

  it("takes latency percentiles over answered trials only", () => {
    // numpy 2.4.6: numpy.percentile([820,910,760,1200,1350,990,1500,1720,640,2100,880], [50, 95])
    // → [990.0, 1910.0]; the 30000 ms timeout is left out.
    expect(summary.latency_ms).toEqual({ p50: 990, p95: 1910, trials: 11 });
  });

  it("totals target and judge usage and the run's cost", () => {
    expect(summary.usage.target).toEqual({
      input_tokens: 5000,
      output_tokens: 1200,
      cost_usd: expect.closeTo(0.004, 12),
      cache_hits: 1,
      calls_with_usage: 10,
    });
    expect(summary.usage.judges).toEqual({
      input_tokens: 12000,
      output_tokens: 1000,
      cost_usd: expect.closeTo(0.003, 12),
      cache_hits: 2,
      calls_with_usage: 20,
    });
    expect(summary.usage.total_cost_usd).toBeCloseTo(0.007, 12);
  });
});

describe("summarize edge cases", () => {
  const pass = (id: string): CheckResult => ({ id, type: "regex", outcome: "pass", reason: "matched" });
  const fail = (id: string): CheckResult => ({ id, type: "regex", outcome: "fail", reason: "no match" });

  it("keeps the later record when a trial was written twice", () => {
    const manifest = manifestOf({ case_ids: ["a"], checks: [{ id: "c", type: "regex" }] });
    const first = trialOf({ case_id: "a", checks: [fail("c")] });
    const rerun = trialOf({ case_id: "a", checks: [pass("c")] });
    const result = summarize(manifest, [first, rerun]);
    expect(result.totals.trials_recorded).toBe(1);
    expect(result.overall).toMatchObject({ passed: 1, failed: 0 });
    expect(result.scores[0]).toMatchObject({ passed: 1, failed: 0 });
  });

  it("shows a partial run: cases without trials, and pass@k leaving them out", () => {
    const manifest = manifestOf({ status: "interrupted", case_ids: ["a", "b"], repeats: 2 });
    const result = summarize(manifest, [trialOf({ case_id: "a", trial: 1 }), trialOf({ case_id: "a", trial: 0 })]);
    expect(result.totals).toEqual({ cases: 2, repeats: 2, trials_expected: 4, trials_recorded: 2 });
    expect(result.cases.map((c) => [c.case_id, c.outcomes])).toEqual([
      ["a", ["pass", "pass"]],
      ["b", []],
    ]);
    expect(result.pass_k).toEqual({ k: 2, pass_at_k: 1, pass_hat_k: 1, cases_included: 1, cases_excluded: 1 });
  });

  it("appends cases and scores that appear only in the results log", () => {
    const manifest = manifestOf({ case_ids: ["a"], checks: [{ id: "c", type: "regex" }] });
    const verdict: JudgeVerdict = {
      id: "j",
      version: "v3",
      failure_mode: "off-topic",
      model: "m",
      outcome: "fail",
      critique: "drifts",
    };
    const result = summarize(manifest, [
      trialOf({ case_id: "z", checks: [pass("c"), pass("extra")], judges: [verdict] }),
    ]);
    expect(result.cases.map((c) => c.case_id)).toEqual(["a", "z"]);
    expect(result.scores.map((s) => `${s.kind} ${s.id} ${s.passed + s.failed}`)).toEqual([
      "check c 1",
      "check extra 1",
      "judge j 1",
    ]);
    expect(result.scores[2]).toMatchObject({ failure_mode: "off-topic", version: "v3", model: "m" });
  });

  it("gives null rates and an uninformative interval when nothing was recorded", () => {
    const result = summarize(
      manifestOf({ status: "running", case_ids: ["a"], checks: [{ id: "c", type: "regex" }] }),
      [],
    );
    expect(SummarySchema.parse(result)).toEqual(result);
    const nothing = { rate: null, low: 0, high: 1, trials: 0, cases: 0, method: "wilson", design_effect: null, within_case_share: null };
    expect(result.overall.pass_rate).toEqual(nothing);
    expect(result.scores[0]!.pass_rate).toEqual(nothing);
    expect(result.errors.rate).toBeNull();
    expect(result.latency_ms).toEqual({ p50: null, p95: null, trials: 0 });
    expect(result.pass_k).toMatchObject({ pass_at_k: null, pass_hat_k: null, cases_included: 0, cases_excluded: 1 });
  });

  it("gives each dataset tag its pass rate over its cases, clustered by case", () => {
    const manifest = manifestOf({ case_ids: ["a", "b", "c"], repeats: 2 });
    const trials = [
      ...[0, 1].map((trial) => trialOf({ case_id: "a", trial, tags: ["refunds", "en"], checks: [pass("c")] })),
      ...[0, 1].map((trial) => trialOf({ case_id: "b", trial, tags: ["refunds"], checks: [fail("c")] })),
      ...[0, 1].map((trial) => trialOf({ case_id: "c", trial, tags: ["en"], checks: [trial === 0 ? pass("c") : fail("c")] })),
    ];
    const result = summarize(manifest, trials);
    expect(result.tags.map((t) => [t.tag, t.passed, t.failed, t.pass_rate.cases, t.pass_rate.trials])).toEqual([
      ["refunds", 2, 2, 2, 4],
      ["en", 3, 1, 2, 4],
    ]);
    // refunds: one case always passes, one always fails — two independent units, not four.
    const perCase = summarize(manifestOf({ case_ids: ["a", "b"], repeats: 1 }), [
      trialOf({ case_id: "a", checks: [pass("c")] }),
      trialOf({ case_id: "b", checks: [fail("c")] }),
    ]);
    expect(result.tags[0]!.pass_rate.low).toBeCloseTo(perCase.overall.pass_rate.low, 12);
  });

  it("computes every interval at the requested confidence", () => {
    const manifest = manifestOf({ case_ids: ["a"], repeats: 10 });
    const trials = Array.from({ length: 10 }, (_, trial) =>
      trialOf({ case_id: "a", trial, checks: [trial < 7 ? pass("c") : fail("c")] }),
    );
    const result = summarize(manifest, trials, { confidence: 0.9 });
    // statsmodels: proportion_confint(7, 10, alpha=0.1, method="wilson").
    expect(result.confidence).toBe(0.9);
    expect(result.overall.pass_rate.low).toBeCloseTo(0.44169979586983493, 8);
    expect(result.overall.pass_rate.high).toBeCloseTo(0.873123416096802, 8);
  });

  it("lists the most frequent error messages first and counts the rest", () => {
    const manifest = manifestOf({ case_ids: ["a"], repeats: 9 });
    const messages = [
      "rate limited",
      "boom 1",
      "rate limited",
      "boom 2",
      "boom 3",
      "boom 4",
      "boom 5",
      "rate limited",
      "boom 1",
    ];
    const trials = messages.map((message, trial) =>
      trialOf({ case_id: "a", trial, status: "error", error: { code: "TARGET_FAILED", message } }),
    );
    const result = summarize(manifest, trials);
    expect(result.errors.messages.map((m) => `${m.count}× ${m.message}`)).toEqual([
      "3× rate limited",
      "2× boom 1",
      "1× boom 2",
      "1× boom 3",
      "1× boom 4",
    ]);
    expect(result.errors.distinct_messages).toBe(6);
    expect(result.errors.rate).toBe(1);
  });
});

describe("summarize with judge alignment", () => {
  let aligned: Summary;
  beforeAll(async () => {
    aligned = await alignedFixtureSummary();
  });
  const judgeOf = (id: string) => aligned.scores.find((s): s is JudgeScore => s.kind === "judge" && s.id === id)!;

  it("gives the corrected pass rate next to the raw one, with its bootstrap interval, as a valid summary", () => {
    expect(SummarySchema.parse(aligned)).toEqual(aligned);
    const grounded = judgeOf("grounded");
    expect(grounded.pass_rate.rate).toBeCloseTo(9 / 11, 12);
    // By hand: p = 9/11, TPR = 31/34, TNR = 10/12; θ̂ = (p + TNR − 1)/(TPR + TNR − 1) = (43/66)/(38/51) = 2193/2508.
    expect(grounded.alignment?.corrected).toMatchObject({ status: "estimated", observed: 9 / 11, seed: 0, resamples: 2000, confidence: 0.95 });
    const corrected = grounded.alignment!.corrected as Extract<NonNullable<JudgeScore["alignment"]>["corrected"], { status: "estimated" }>;
    expect(corrected.estimate).toBeCloseTo(2193 / 2508, 12);
    expect(corrected.low).toBeLessThanOrEqual(corrected.estimate);
    expect(corrected.high).toBeGreaterThanOrEqual(corrected.estimate);
    expect(grounded.alignment?.measured).toMatchObject({ split: "test", label_set: "grounded-labels", confusion: { tp: 31, fn: 3, tn: 10, fp: 2 } });
  });

  it("states the refusal reason when TPR + TNR ≤ 1", () => {
    expect(judgeOf("polite").alignment?.corrected).toEqual({ status: "refused", reason: expect.stringContaining("TPR + TNR = 0.500 + 0.500 = 1.000 ≤ 1") });
  });

  it("refuses with the alignment's reason when this judge version was not measured", async () => {
    const run = await readFixtureRun("support-bot");
    const s = summarize(run.manifest, run.trials, { generatedAt: GENERATED_AT, alignment: { grounded: { status: "unmeasured", reason: "judge version v2 has no align result" } } });
    const grounded = s.scores.find((x): x is JudgeScore => x.kind === "judge" && x.id === "grounded")!;
    expect(grounded.alignment).toEqual({ measured: null, corrected: { status: "refused", reason: "Corrected pass rate refused: judge version v2 has no align result" } });
  });

  it("is deterministic: the same inputs give the same interval", async () => {
    expect(await alignedFixtureSummary()).toEqual(aligned);
  });

  it("leaves judges without alignment untouched", () => {
    expect(judge("grounded").alignment).toBeUndefined();
  });
});
