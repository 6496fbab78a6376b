import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_AT, readFixtureRun } from "../../tests/fixtures/runs/fixture-runs.js";
import { caseIds, gateRunOf, type GateCaseSpec } from "../../tests/fixtures/runs/gate-runs.js";
import { compareRuns } from "../gate/index.js";
import type { RunData, TrialRecord } from "../log/index.js";
import { summarize } from "../report/index.js";
import { buildReportData } from "./build-report-data.js";
import { BASELINE_CASES_LISTED, NEWLY_FAILING_LISTED } from "./internal/compare-data.js";
import type { ReportData } from "./report-data.js";

// tests/fixtures/runs/support-bot: 4 cases × 3 trials, checks cites-source and
// answer-length, judges grounded and polite.
//   refund-policy   ✓ ✓ ✓
//   shipping-time   ✓ ✗ ✓
//   cancel-order    ✗ ✗ !   (trial 2: the target timed out)
//   warranty-claim  ✓ ! ✗
let run: RunData;
let data: ReportData;
beforeAll(async () => {
  run = await readFixtureRun("support-bot");
  data = buildReportData({ manifest: run.manifest, trials: run.trials, summary: summarize(run.manifest, run.trials, { generatedAt: GENERATED_AT }), generatedAt: GENERATED_AT });
});

const text = (ref: number) => data.texts[ref];

describe("buildReportData", () => {
  it("lists cases in run order and trials column by column with their outcomes", () => {
    expect(data.cases.id).toEqual(["refund-policy", "shipping-time", "cancel-order", "warranty-claim"]);
    expect(data.trials.case).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(data.trials.trial).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(data.trials.outcome).toBe("ppppfpffepef");
    expect(data.trials.status).toBe("ooooooooeooo");
    expect(text(data.trials.error[8]!)).toMatch(/^TARGET_TIMEOUT: /);
  });

  it("keeps one score column per check and judge, in the summary's order, with '.' where there is no result", () => {
    expect(data.metrics.map((m) => `${m.kind}:${m.id}`)).toEqual(["check:cites-source", "check:answer-length", "judge:grounded", "judge:polite"]);
    expect(data.trials.scores.map((s) => s.outcome)).toEqual(["ppppppff.ppp", "pppppppp.ppf", "ppppfpfp.ppp", "pppppppp.pef"]);
    const grounded = data.trials.scores[2]!;
    expect(text(grounded.reason[4]!)).toBe(run.trials[4]!.judges.find((j) => j.id === "grounded")!.critique);
    expect(grounded.reason[8]).toBe(-1);
  });

  it("stores each distinct text once: a case's input once for all its trials", () => {
    expect(new Set(data.texts).size).toBe(data.texts.length);
    expect(JSON.parse(text(data.cases.input[0]!)!)).toEqual(run.trials[0]!.input);
    const passingReasons = data.trials.scores[0]!.reason.slice(0, 3);
    expect(new Set(passingReasons).size).toBe(1);
  });

  it("stores each retrieved document once, with the score kept per query", () => {
    const entries = JSON.parse(text(data.trials.context[0]!)!) as unknown[];
    const [docRef] = entries as [number | [number, number]];
    const ref = Array.isArray(docRef) ? docRef[0] : docRef;
    expect(JSON.parse(text(ref)!)).toEqual({ id: "faq-12" });
  });

  it("leaves out what the page rebuilds from the trials: case lists and the judges' failing trials", () => {
    expect(data.summary).not.toHaveProperty("cases");
    expect(data.summary).not.toHaveProperty("flaky_cases");
    for (const score of data.summary.scores) if (score.kind === "judge") expect(score.failing).toEqual([]);
    expect(data.summary.overall.passed).toBe(6);
  });

  it("names the served models with their trial counts, most first", () => {
    expect(data.run.served_models[0]).toMatchObject({ model: "gpt-4o" });
    expect(data.run.served_models.reduce((n, m) => n + m.trials, 0)).toBeLessThanOrEqual(12);
  });

  it("keeps guardrail decisions as the trial's JSON", () => {
    const trials: TrialRecord[] = run.trials.map((t, i) =>
      i === 0 ? { ...t, guardrails: [{ id: "pii", type: "pii", stage: "output", triggered: true, action: "redact", spans: [{ start: 0, end: 5, label: "EMAIL" }], latency_ms: 2 }] } : t,
    );
    const guarded = buildReportData({ manifest: run.manifest, trials, summary: summarize(run.manifest, trials) });
    expect(JSON.parse(guarded.texts[guarded.trials.guardrails[0]!]!)).toEqual(trials[0]!.guardrails);
    expect(guarded.trials.guardrails.slice(1).every((ref) => ref === -1)).toBe(true);
  });
});

describe("buildReportData with a comparison", () => {
  const spec = (n: number, grounded: (i: number) => string): GateCaseSpec[] => caseIds(n).map((id, i) => ({ id, grounded: grounded(i) }));

  it("embeds the gate's result and the baseline's trials of every case that got worse", () => {
    const baseline = gateRunOf("base", spec(6, () => "✓✓"));
    const candidate = gateRunOf("cand", spec(6, (i) => (i < 2 ? "✗✓" : "✓✓")));
    const result = compareRuns(baseline, candidate);
    const { manifest, trials } = candidate.run;
    const compared = buildReportData({ manifest, trials, summary: summarize(manifest, trials), compare: { result, baseline: baseline.run } });
    expect(compared.compare!.result.verdict).toBe(result.verdict);
    expect(compared.compare!.baseline_trials.map((b) => b.case_id)).toEqual(["case-01", "case-02"]);
    const [first] = compared.compare!.baseline_trials;
    expect(first!.trials.map((t) => [t.trial, t.outcome, t.scores.map((s) => `${s.key} ${s.outcome}`)])).toEqual([
      [0, "p", ["judge:grounded p"]],
      [1, "p", ["judge:grounded p"]],
    ]);
    expect(first!.trials[0]!.output).toBe(-1);
  });

  it("caps the cases listed, and counts the rest", () => {
    const n = NEWLY_FAILING_LISTED + 20;
    const baseline = gateRunOf("base", spec(n, () => "✓"));
    const candidate = gateRunOf("cand", spec(n, () => "✗"));
    const result = compareRuns(baseline, candidate);
    const { manifest, trials } = candidate.run;
    const compared = buildReportData({ manifest, trials, summary: summarize(manifest, trials), compare: { result, baseline: baseline.run } }).compare!;
    const overall = compared.result.metrics.find((m) => m.kind === "overall")!;
    expect(overall.newly_failing_cases).toHaveLength(NEWLY_FAILING_LISTED);
    expect(compared.newly_failing_omitted.overall).toBe(20);
    expect(compared.baseline_trials).toHaveLength(BASELINE_CASES_LISTED);
    expect(compared.baseline_trials_omitted).toBe(n - BASELINE_CASES_LISTED);
  });
});
