import { minimatch } from "minimatch";
import type { GateConfig } from "../../config/index.js";
import { ConfigError } from "../../errors.js";
import { casesNeeded, holmAdjust, pValueBelow } from "../../stats/index.js";
import type { MetricComparison, RuleResult } from "../gate-result-schema.js";
import type { RunCases } from "./case-metrics.js";
import type { ComparedMetric, CompareOptions } from "./compare-metric.js";
import { formatConfidence, formatPercent } from "../../report/index.js";
import { signedPoints } from "./format-numbers.js";

const DEFAULT_MAX_REGRESSION = 0.05;

type Criterion =
  | { rule: "max_regression"; delta: number }
  | { rule: "min_pass_rate"; floor: number; on: "lower_bound" | "estimate" }
  | { rule: "max_error_rate"; ceiling: number }
  | { rule: "required_cases"; cases: string[] };

interface RuleSpec {
  /** 1-based position in gate.rules, for messages; 0 for shorthand and default rules. */
  position: number;
  patterns: string[];
  criterion: Criterion;
}

/** gate.rules, then the min_pass_rate shorthand, then the default regression rule when no rule sets one. */
export function expandRules(config: GateConfig): RuleSpec[] {
  const specs: RuleSpec[] = [];
  config.rules.forEach((rule, index) => {
    const patterns = typeof rule.metrics === "string" ? [rule.metrics] : rule.metrics;
    const position = index + 1;
    if (rule.max_regression !== undefined) specs.push({ position, patterns, criterion: { rule: "max_regression", delta: rule.max_regression } });
    if (rule.min_pass_rate !== undefined) specs.push({ position, patterns, criterion: { rule: "min_pass_rate", floor: rule.min_pass_rate, on: rule.min_pass_rate_on } });
    if (rule.max_error_rate !== undefined) specs.push({ position, patterns, criterion: { rule: "max_error_rate", ceiling: rule.max_error_rate } });
    if (rule.required_cases !== undefined) specs.push({ position, patterns, criterion: { rule: "required_cases", cases: rule.required_cases } });
  });
  for (const [id, floor] of Object.entries(config.min_pass_rate)) {
    specs.push({ position: 0, patterns: [id], criterion: { rule: "min_pass_rate", floor, on: "lower_bound" } });
  }
  if (!specs.some((s) => s.criterion.rule === "max_regression")) {
    specs.push({ position: 0, patterns: ["*"], criterion: { rule: "max_regression", delta: config.max_regression ?? DEFAULT_MAX_REGRESSION } });
  }
  return specs;
}

export interface RuleContext {
  compared: readonly ComparedMetric[];
  candidate: RunCases;
  options: CompareOptions;
  correction: GateConfig["correction"];
}

/** Checks every rule on every metric it selects; one result per (rule, metric). */
export function evaluateRules(specs: readonly RuleSpec[], context: RuleContext): RuleResult[] {
  const results: RuleResult[] = [];
  const regressionTests: Array<{ result: RuleResult; change: string; delta: number }> = [];
  for (const spec of specs) {
    for (const { comparison, differences } of select(spec, context.compared)) {
      const { criterion } = spec;
      if (criterion.rule === "max_regression") {
        const result = maxRegression(comparison, differences, criterion.delta, context.options);
        results.push(result);
        if (result.p_value !== undefined) regressionTests.push({ result, change: describeChange(comparison, context.options.confidence), delta: criterion.delta });
      } else if (criterion.rule === "min_pass_rate") results.push(minPassRate(comparison, criterion.floor, criterion.on, context.options.confidence));
      else if (criterion.rule === "max_error_rate") results.push(maxErrorRate(comparison, criterion.ceiling));
      else results.push(requiredCases(comparison, criterion.cases, context.candidate));
    }
  }
  if (context.correction === "holm") applyHolm(regressionTests, context.options.confidence);
  return results;
}

function select(spec: RuleSpec, compared: readonly ComparedMetric[]): ComparedMetric[] {
  const matches = (id: string, pattern: string): boolean => (id.startsWith("tag:") && !pattern.startsWith("tag:") ? false : minimatch(id, pattern));
  for (const pattern of spec.patterns) {
    const literal = !/[*?[\]{}!]/.test(pattern);
    if (literal && !compared.some((c) => c.comparison.id === pattern)) {
      const where = spec.position > 0 ? `gate.rules[${spec.position - 1}].metrics` : "gate.min_pass_rate";
      throw new ConfigError(undefined, [
        { path: where, message: `No metric "${pattern}" in either run. Metrics: ${compared.map((c) => c.comparison.id).join(", ")}` },
      ]);
    }
  }
  return compared.filter((c) => spec.patterns.some((pattern) => matches(c.comparison.id, pattern)));
}

function maxRegression(c: MetricComparison, differences: readonly number[], delta: number, options: CompareOptions): RuleResult {
  const base = { rule: "max_regression" as const, metric: c.id, threshold: delta };
  const d = c.difference;
  if (d.cases < 2 || d.estimate === null) {
    return { ...base, verdict: "inconclusive", reason: `${c.id}: only ${d.cases} case(s) scored on both sides; a difference needs at least 2.` };
  }
  const p_value = pValueBelow(differences, -delta, { method: options.method, seed: options.seed, resamples: options.resamples });
  const change = describeChange(c, options.confidence);
  if (d.high < -delta) return { ...base, p_value, verdict: "fail", reason: `${change}: a clear regression beyond ${pts(-delta)}.` };
  if (d.low >= -delta) return { ...base, p_value, verdict: "pass", reason: `${change}: a drop of ${unsignedPoints(delta)} or more is ruled out.` };
  if ((d.high - d.low) / 2 > delta) {
    const needed = casesNeeded({ standardDeviation: d.standard_deviation ?? 0, delta, confidence: options.confidence });
    return {
      ...base,
      p_value,
      verdict: "inconclusive",
      cases_needed: needed,
      reason: `${change}: too uncertain to tell a ${unsignedPoints(delta)} drop; about ${needed} cases would be needed at this spread.`,
    };
  }
  return { ...base, p_value, verdict: "warn", reason: `${change}: a drop of ${unsignedPoints(delta)} cannot be ruled out.` };
}

/** "overall: −4.0 pts (95% CI −9.1 to +1.1 pts, 34 cases)": the opening of every regression reason. */
function describeChange(c: MetricComparison, confidence: number): string {
  const d = c.difference;
  return `${c.id}: ${pts(d.estimate!)} (${formatConfidence(confidence)} CI ${pts(d.low)} to ${pts(d.high)}, ${d.cases} cases)`;
}

/** Holm across the regression decisions: a clear drop fails only if it survives the adjustment. */
function applyHolm(tests: ReadonlyArray<{ result: RuleResult; change: string; delta: number }>, confidence: number): void {
  const adjusted = holmAdjust(tests.map((t) => t.result.p_value!));
  const alpha = (1 - confidence) / 2;
  tests.forEach((test, i) => {
    test.result.adjusted_p_value = adjusted[i]!;
    if (test.result.verdict === "fail" && adjusted[i]! >= alpha) {
      test.result.verdict = "warn";
      test.result.reason = `${test.change}: a regression beyond ${pts(-test.delta)}, but not after Holm correction across ${tests.length} metrics (adjusted p = ${adjusted[i]!.toPrecision(3)}).`;
    }
  });
}

function minPassRate(c: MetricComparison, floor: number, on: "lower_bound" | "estimate", confidence: number): RuleResult {
  const base = { rule: "min_pass_rate" as const, metric: c.id, threshold: floor };
  const side = c.candidate;
  if (side.rate === null) return { ...base, verdict: "inconclusive", reason: `${c.id}: the candidate has no scored trials to compare with the floor ${formatPercent(floor)}.` };
  const value = on === "lower_bound" ? side.low : side.rate;
  const what = on === "lower_bound" ? `lower ${formatConfidence(confidence)} bound ${formatPercent(side.low)} (rate ${formatPercent(side.rate)})` : `rate ${formatPercent(side.rate)}`;
  return value >= floor
    ? { ...base, verdict: "pass", reason: `${c.id}: candidate ${what} meets the floor ${formatPercent(floor)}.` }
    : { ...base, verdict: "fail", reason: `${c.id}: candidate ${what} is below the floor ${formatPercent(floor)}.` };
}

function maxErrorRate(c: MetricComparison, ceiling: number): RuleResult {
  const base = { rule: "max_error_rate" as const, metric: c.id, threshold: ceiling };
  const total = c.candidate.trials + c.candidate.errors;
  const rate = total === 0 ? 0 : c.candidate.errors / total;
  const what = `${c.id}: ${c.candidate.errors} of ${total} candidate trials unscored (${formatPercent(rate)})`;
  return rate <= ceiling
    ? { ...base, verdict: "pass", reason: `${what}, within ${formatPercent(ceiling)}.` }
    : { ...base, verdict: "fail", reason: `${what}, above ${formatPercent(ceiling)}.` };
}

function requiredCases(c: MetricComparison & { id: string }, required: readonly string[], candidate: RunCases): RuleResult {
  const base = { rule: "required_cases" as const, metric: c.id };
  const ids = new Set<string>();
  for (const entry of required) {
    if (entry.startsWith("tag:")) {
      const tag = entry.slice(4);
      for (const [caseId, tags] of candidate.tags) if (tags.includes(tag)) ids.add(caseId);
    } else ids.add(entry);
  }
  const table = candidate.metrics.get(c.id);
  const failing = [...ids].filter((id) => {
    const tally = table?.byCase.get(id);
    return !tally || tally.failed > 0 || tally.errors > 0 || tally.passed === 0;
  });
  if (failing.length === 0) return { ...base, verdict: "pass", reason: `${c.id}: all ${ids.size} required cases passed every trial.` };
  return {
    ...base,
    verdict: "fail",
    failing_cases: failing,
    reason: `${c.id}: ${failing.length} of ${ids.size} required cases did not pass every trial: ${failing.slice(0, 5).join(", ")}${failing.length > 5 ? ", …" : ""}.`,
  };
}

/** A difference in percentage points, signed: "−23.5 pts", "+1.2 pts". */
function pts(value: number): string {
  return `${signedPoints(value)} pts`;
}

/** A size in percentage points: "5.0 pts". */
function unsignedPoints(value: number): string {
  return `${(value * 100).toFixed(1)} pts`;
}
