import { describe, expect, it } from "vitest";
import { allPassing, caseIds, gateRunOf, type GateCaseSpec } from "../../tests/fixtures/runs/gate-runs.js";
import { ConfigError, EvalgateError } from "../errors.js";
import { compareRuns } from "./compare-runs.js";
import { GateResultSchema, type GateResult } from "./gate-result-schema.js";

const runOf = (runId: string, cases: readonly GateCaseSpec[]) =>
  gateRunOf(runId, cases, { critique: (caseId, trial) => `${caseId} #${trial}: claims a refund window the article does not give` });
const rule = (result: GateResult, name: string, metric?: string) => result.rules.find((r) => r.rule === name && (metric === undefined || r.metric === metric));
const metric = (result: GateResult, id: string) => result.metrics.find((m) => m.id === id)!;

describe("compareRuns", () => {
  it("fails a clear regression and names the metric and the newly failing cases with critiques", () => {
    const baseline = runOf("base", allPassing(30));
    const candidate = runOf(
      "cand",
      allPassing(30).map((c, i) => (i % 3 === 0 ? { ...c, grounded: "✗✗✗" } : c)),
    );
    const result = compareRuns(baseline, candidate);
    expect(GateResultSchema.parse(result)).toEqual(result);
    expect(result.verdict).toBe("fail");
    const grounded = metric(result, "grounded");
    expect(grounded.difference.estimate).toBeCloseTo(-1 / 3, 12);
    expect(grounded.difference.high).toBeLessThan(-0.05);
    expect(grounded.newly_failing_cases.map((c) => c.case_id)).toHaveLength(10);
    expect(grounded.newly_failing_cases[0]).toMatchObject({
      case_id: "case-01",
      baseline: { passed: 3, trials: 3 },
      candidate: { passed: 0, trials: 3 },
    });
    expect(grounded.newly_failing_cases[0]!.reasons[0]).toContain("grounded: case-01 #0: claims a refund window");
    expect(rule(result, "max_regression", "grounded")).toMatchObject({ verdict: "fail", threshold: 0.05 });
    expect(rule(result, "max_regression", "grounded")!.reason).toMatch(/^grounded: −33\.3 pts \(95% CI −\d+\.\d pts to −\d+\.\d pts, 30 cases\): a clear regression beyond −5\.0 pts\.$/);
  });

  it("passes a noise-level difference: flaky cases that moved around", () => {
    const base = allPassing(40).map((c, i) => (i < 4 ? { ...c, grounded: "✓✗✓" } : c));
    const cand = allPassing(40).map((c, i) => (i >= 4 && i < 8 ? { ...c, grounded: "✗✓✓" } : c));
    const result = compareRuns(runOf("base", base), runOf("cand", cand));
    expect(metric(result, "grounded").difference.estimate).toBeCloseTo(0, 12);
    expect(["pass", "warn"]).toContain(result.verdict);
    expect(rule(result, "max_regression", "grounded")!.verdict).toBe("pass");
  });

  it("passes an improvement", () => {
    const base = allPassing(20).map((c, i) => (i < 6 ? { ...c, grounded: "✗✗✓" } : c));
    const result = compareRuns(runOf("base", base), runOf("cand", allPassing(20)));
    expect(result.verdict).toBe("pass");
    expect(metric(result, "grounded").difference.estimate).toBeGreaterThan(0);
    expect(metric(result, "grounded").newly_failing_cases).toEqual([]);
  });

  it("is inconclusive on three shared cases and says how many cases would decide", () => {
    const result = compareRuns(runOf("base", allPassing(3)), runOf("cand", [{ id: "case-01", grounded: "✓✗✗" }, ...allPassing(3).slice(1)]));
    expect(result.verdict).toBe("inconclusive");
    const regression = rule(result, "max_regression", "grounded")!;
    // sd of (−2/3, 0, 0) is 0.3849; ((1.959964 + 0.841621) · 0.3849 / 0.05)² = 465.1 → 466.
    expect(regression).toMatchObject({ verdict: "inconclusive", cases_needed: 466 });
    expect(regression.reason).toContain("about 466 cases would be needed");
  });

  it("warns when the data resolve δ but a drop of δ cannot be ruled out", () => {
    // 200 cases, 6 of which lose one trial of three: −1 pt with a half-width under 5 pts.
    const base = allPassing(200);
    const cand = base.map((c, i) => (i < 6 ? { ...c, grounded: "✓✓✗" } : c));
    const result = compareRuns(runOf("base", base), runOf("cand", cand), { max_regression: 0.01 });
    expect(rule(result, "max_regression", "grounded")!.verdict).toBe("warn");
    expect(result.verdict).toBe("warn");
  });

  it("lists cases missing on either side, and fails on them when configured", () => {
    const base = runOf("base", allPassing(12));
    const cand = runOf("cand", [...allPassing(11), { id: "new-case", grounded: "✓✓✓" }]);
    const warned = compareRuns(base, cand);
    expect(warned.cases).toEqual({ shared: 11, baseline_only: ["case-12"], candidate_only: ["new-case"] });
    expect(rule(warned, "missing_cases")).toMatchObject({ verdict: "warn" });
    expect(rule(warned, "missing_cases")!.reason).toBe(
      'Cases not compared: 1 ran only in the baseline (case-12); 1 only in the candidate (new-case). gate.missing_cases is "warn".',
    );
    expect(compareRuns(base, cand, { missing_cases: "fail" }).verdict).toBe("fail");
    expect(rule(compareRuns(base, cand, { missing_cases: "ignore" }), "missing_cases")).toBeUndefined();
  });

  it("refuses runs whose shared cases had different input", () => {
    const base = runOf("base", allPassing(5));
    const cand = runOf("cand", allPassing(5).map((c, i) => (i === 2 ? { ...c, input: "a reworded question" } : c)));
    let error: unknown;
    try {
      compareRuns(base, cand);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EvalgateError);
    expect((error as EvalgateError).code).toBe("RUNS_NOT_COMPARABLE");
    expect((error as EvalgateError).message).toMatchInlineSnapshot(
      `"Runs base and cand gave different input or expected output to case case-03. A gate compares the same cases before and after a change; give changed cases new ids, or run the baseline again on the current dataset."`,
    );
  });

  it("gives the same bootstrap result twice for one seed", () => {
    const base = allPassing(25).map((c, i) => (i < 5 ? { ...c, grounded: "✓✗✓" } : c));
    const cand = allPassing(25).map((c, i) => (i < 9 ? { ...c, grounded: "✗✗✓" } : c));
    const gate = { interval: "bootstrap" as const, seed: 42, resamples: 2000 };
    const first = compareRuns(runOf("base", base), runOf("cand", cand), gate);
    expect(compareRuns(runOf("base", base), runOf("cand", cand), gate)).toEqual(first);
    expect(metric(first, "grounded").difference.method).toBe("paired-bootstrap");
    expect(compareRuns(runOf("base", base), runOf("cand", cand), { ...gate, seed: 43 })).not.toEqual(first);
  });

  // One trial per case on each side: 3 cases pass only in the baseline, 12 only
  // in the candidate. Exact McNemar two-sided p = 0.03516 (scipy 1.17.1
  // binomtest(3, 15, 0.5).pvalue = 0.03515625).
  it("reports the exact McNemar test when every case has one trial per side", () => {
    const cases = caseIds(40);
    const base = cases.map((id, i) => ({ id, grounded: i < 3 ? "✓" : i < 15 ? "✗" : "✓" }));
    const cand = cases.map((id, i) => ({ id, grounded: i < 3 ? "✗" : "✓" }));
    const grounded = metric(compareRuns(runOf("base", base), runOf("cand", cand)), "grounded");
    expect(grounded.mcnemar).toEqual({ baseline_only_passed: 3, candidate_only_passed: 12 });
    expect(grounded.p_value).toBeCloseTo(0.03515625, 10);
    expect(metric(compareRuns(runOf("base", allPassing(5)), runOf("cand", allPassing(5))), "grounded").p_value).toBeUndefined();
  });

  it("checks floors, error ceilings and required cases on the metrics a rule selects", () => {
    const base = allPassing(10).map((c, i) => ({ ...c, tags: i < 2 ? ["safety"] : ["billing"] }));
    const cand = base.map((c, i) => (i === 1 ? { ...c, grounded: "✓✗✓" } : i === 5 ? { ...c, grounded: "!✓✓" } : c));
    const result = compareRuns(runOf("base", base), runOf("cand", cand), {
      max_regression: 0.5,
      rules: [
        { metrics: "grounded", min_pass_rate: 0.99, min_pass_rate_on: "estimate" },
        { metrics: "*", max_error_rate: 0.01 },
        { metrics: ["overall"], required_cases: ["tag:safety"] },
        { metrics: "tag:*", min_pass_rate: 0.5 },
      ],
    });
    expect(rule(result, "min_pass_rate", "grounded")).toMatchObject({ verdict: "fail", threshold: 0.99 });
    expect(rule(result, "max_error_rate", "grounded")!.reason).toBe("grounded: 1 of 30 candidate trials unscored (3.3%), above 1.0%.");
    expect(rule(result, "required_cases", "overall")).toMatchObject({ verdict: "fail", failing_cases: ["case-02"] });
    // "*" leaves tags out; "tag:*" selects them.
    expect(result.rules.filter((r) => r.rule === "max_error_rate").map((r) => r.metric)).toEqual(["overall", "grounded"]);
    expect(result.rules.filter((r) => r.rule === "min_pass_rate").map((r) => r.metric)).toEqual(["grounded", "tag:safety", "tag:billing"]);
    expect(result.rules_tested).toBe(result.rules.length);
  });

  it("rejects a rule naming a metric neither run has", () => {
    expect(() => compareRuns(runOf("base", allPassing(3)), runOf("cand", allPassing(3)), { min_pass_rate: { groundd: 0.9 } })).toThrow(ConfigError);
    expect(() => compareRuns(runOf("base", allPassing(3)), runOf("cand", allPassing(3)), { min_pass_rate: { groundd: 0.9 } })).toThrow(
      'No metric "groundd" in either run. Metrics: overall, grounded',
    );
  });

  it("downgrades a clear drop to a warning when it does not survive Holm across metrics", () => {
    // 5 of 40 cases lose every trial: −12.5 pts, 95% CI about −23.2 to −1.8 pts, so a
    // 1-pt drop is clear on its own (one-sided p ≈ 0.018 < 0.025). overall and
    // grounded carry the same differences, so Holm doubles it past 0.025.
    const base = allPassing(40);
    const cand = base.map((c, i) => (i < 5 ? { ...c, grounded: "✗✗✗" } : c));
    const plain = rule(compareRuns(runOf("base", base), runOf("cand", cand), { max_regression: 0.01 }), "max_regression", "grounded")!;
    expect(plain.verdict).toBe("fail");
    expect(plain.p_value).toBeGreaterThan(0.0125);
    const holm = compareRuns(runOf("base", base), runOf("cand", cand), { max_regression: 0.01, correction: "holm" });
    const adjusted = rule(holm, "max_regression", "grounded")!;
    expect(adjusted.adjusted_p_value).toBeCloseTo(2 * plain.p_value!, 12);
    expect(adjusted.verdict).toBe("warn");
    expect(adjusted.reason).toContain("but not after Holm correction across 2 metrics");
    expect(holm.verdict).toBe("warn");
  });
});
