import { stripVTControlCharacters } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { alignedFixtureSummary } from "../../tests/fixtures/runs/alignment-fixtures.js";
import { GENERATED_AT, manifestOf, readFixtureRun, trialOf } from "../../tests/fixtures/runs/fixture-runs.js";
import { formatSummaryTable } from "./format-table.js";
import { summarize } from "./summarize.js";
import type { Summary } from "./summary-schema.js";

let summary: Summary;
beforeAll(async () => {
  const run = await readFixtureRun("support-bot");
  summary = summarize(run.manifest, run.trials, { generatedAt: GENERATED_AT });
});

describe("formatSummaryTable", () => {
  it("renders the support-bot run", () => {
    expect(`\n${formatSummaryTable(summary)}\n`).toMatchInlineSnapshot(`
      "
      support-bot · run 20250601-100000-support-bot-a1b2 · completed
      4 cases × 3 repeats: 12 of 12 trials recorded

      score          kind   type / failure mode  pass rate       95% CI  pass  fail  err
      cites-source   check  citations                81.8%  39.2%–96.9%     9     2    0
      answer-length  check  length                   90.9%  62.3%–98.4%    10     1    0
      grounded       judge  hallucination            81.8%  52.3%–94.9%     9     2    0
      polite         judge  rude-tone                90.0%  59.6%–98.2%     9     1    1
      overall                                        60.0%  28.8%–84.7%     6     4    2

      Intervals: clustered by case (4 cases, 10 scored trials; 48.6% of the variance is within cases).

      pass@3 100.0% · pass^3 50.0%  (mean over 2 cases; 2 left out with fewer than 3 scored trials)

      errors  2 of 12 trials unscored (16.7%)
        1× target: Target did not answer within 30000 ms (raise timeout_ms in the suite config if this is…
        1× judge polite: Judge reply had no PASS/FAIL verdict (expected a JSON object with "verdict").

      latency p50 990 ms · p95 1,910 ms (11 answered trials)
      usage   target 5,000 in / 1,200 out tokens · $0.0040 · 1 cached
              judges 12,000 in / 1,000 out tokens · $0.0030 · 2 cached
              total $0.0070

      flaky cases (2; ✓ pass ✗ fail ! error)
        ✓✗✓  shipping-time
        ✓!✗  warranty-claim

      failure modes
      #  failure mode   source             failed trials  cases  of scored  of failures
      1  hallucination  judge grounded                 2      2      20.0%        50.0%
      2  cites-source   check (citations)              2      1      20.0%        50.0%
      3  answer-length  check (length)                 1      1      10.0%        25.0%
      4  rude-tone      judge polite                   1      1      10.0%        25.0%

      grounded (hallucination): 2 failing trials
        shipping-time #1: Claims 2-day shipping; the retrieved policy says 5–7 business days.
        cancel-order #0: Invents a 'cancel' button in the mobile app; the context only describes cancelli…
      polite (rude-tone): 1 failing trial
        warranty-claim #2: Tells the customer to 'just read the manual' instead of answering.
      "
    `);
  });

  it("stays within 100 columns even with long ids, critiques and error messages", () => {
    const long = "x".repeat(300);
    const manifest = manifestOf({ case_ids: [long], repeats: 2, checks: [{ id: long, type: long }] });
    const verdict = {
      id: long,
      version: "v1",
      failure_mode: long,
      model: "m",
      outcome: "fail" as const,
      critique: long,
    };
    const trials = [
      trialOf({
        case_id: long,
        trial: 0,
        checks: [{ id: long, type: long, outcome: "fail", reason: long }],
        judges: [verdict],
      }),
      trialOf({ case_id: long, trial: 1, status: "error", error: { code: "TARGET_FAILED", message: long } }),
    ];
    const lines = formatSummaryTable(summarize({ ...manifest, suite: long, run_id: long }, trials)).split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it("uses no escape codes unless colour is asked for, and only adds colour when it is", () => {
    const plain = formatSummaryTable(summary);
    const colored = formatSummaryTable(summary, { color: true });
    expect(plain).toBe(stripVTControlCharacters(plain));
    expect(colored).not.toBe(plain);
    expect(stripVTControlCharacters(colored)).toBe(plain);
  });

  it("says when a run is partial", () => {
    const partial = summarize(manifestOf({ status: "interrupted", case_ids: ["a", "b"] }), [trialOf({ case_id: "a" })]);
    expect(formatSummaryTable(partial).split("\n").slice(0, 2)).toMatchInlineSnapshot(`
      [
        "demo · run run-1 · interrupted",
        "2 cases × 1 repeat: 1 of 2 trials recorded (partial)",
      ]
    `);
  });
});

describe("formatSummaryTable with aligned judges", () => {
  it("shows the corrected pass rate next to the raw one, and the refusal reason", async () => {
    const text = formatSummaryTable(await alignedFixtureSummary());
    const section = text.slice(text.indexOf("judge pass rates corrected"), text.indexOf("\n\nIntervals:"));
    expect(section.split("\n").every((line) => line.length <= 100)).toBe(true);
    expect(section).toMatchInlineSnapshot(`
      "judge pass rates corrected with human labels
      judge     raw pass rate  corrected        95% CI    TPR    TNR  kappa  measured on
      grounded          81.8%      87.4%  76.1%–100.0%  91.2%  83.3%   0.50  test, n=46, grounded-la…
        polite: Corrected pass rate refused: TPR + TNR = 0.500 + 0.500 = 1.000 ≤ 1: the judge agrees
          with humans no better than chance, so its verdicts cannot be corrected. Improve the judge first.
      Corrected for each judge's TPR and TNR against human labels (the test split, or dev when the judge
      version has no test result): θ̂ = (p + TNR − 1)/(TPR + TNR − 1), clipped to [0, 1] (2,000 seeded
      bootstrap resamples, seed 0)."
    `);
  });
});
