import { truncate } from "../report/index.js";
import type { GateResult, MetricComparison, RegressedCase, RuleResult, Verdict } from "./gate-result-schema.js";
import { rulesByMetric, worstVerdict } from "./internal/rule-verdicts.js";
import { xmlAttribute, xmlText } from "./internal/xml.js";

/**
 * What counts as what, so that a test reporter tells the same story as the
 * gate's exit code:
 *
 * - Rule testcases (suite `evalgate.rules`, one per rule check): a failing
 *   rule is a `<failure>`; an inconclusive one is `<skipped>`, because the
 *   evidence decided nothing either way and every reporter (GitHub, GitLab,
 *   Jenkins) shows skipped as "not run" rather than green or red; pass and
 *   warn pass, with the rule's one-line reason in `<system-out>`.
 * - Case testcases (one suite `evalgate.<metric>` per metric some rule
 *   checked, one testcase per case scored on both sides): a case that got
 *   worse is a `<failure>` carrying its critiques when the metric's rules
 *   failed or warned, since that is the evidence a reviewer reads; it is
 *   `<skipped>` when they were inconclusive, and passes (with the critiques in
 *   `<system-out>`) when they passed: the drop was within what the gate
 *   tolerates. A required case that did not pass every trial fails with its
 *   rule. Cases that failed before and after are not regressions and pass.
 *
 * A warning therefore shows failed cases while the gate exits 0: the report
 * shows what got worse, the exit code decides whether that blocks.
 */
export function formatGateJunit(result: GateResult): string {
  const gated = rulesByMetric(result);
  const suites = [
    rulesSuite(result),
    ...result.metrics.filter((m) => gated.has(m.id)).map((m) => metricSuite(m, gated.get(m.id)!)),
  ];
  const total = counts(suites.flatMap((s) => s.cases));
  const root = `${result.candidate.run_id} vs ${result.baseline.run_id}`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlAttribute(`evalgate gate: ${root}`)}" ${countAttributes(total)} time="0">`,
    ...suites.flatMap(suiteXml),
    `</testsuites>`,
    "",
  ].join("\n");
}

type Outcome =
  | { kind: "passed" }
  | { kind: "failure"; type: string; message: string; body: string }
  | { kind: "skipped"; message: string };

interface TestCase {
  name: string;
  outcome: Outcome;
  /** Context a reader may want even when the case passed. */
  output?: string;
}

interface Suite {
  name: string;
  properties: Array<[string, string]>;
  cases: TestCase[];
}

const MESSAGE_MAX = 300;

function rulesSuite(result: GateResult): Suite {
  return {
    name: "evalgate.rules",
    properties: [
      ["verdict", result.verdict],
      ["baseline", result.baseline.run_id],
      ["candidate", result.candidate.run_id],
      ["shared_cases", String(result.cases.shared)],
      ["confidence", String(result.confidence)],
    ],
    cases: result.rules.map(ruleCase),
  };
}

function ruleCase(rule: RuleResult): TestCase {
  const name = rule.metric === undefined ? rule.rule : `${rule.rule}: ${rule.metric}`;
  if (rule.verdict === "fail") return { name, outcome: { kind: "failure", type: rule.rule, message: truncate(rule.reason, MESSAGE_MAX), body: rule.reason } };
  if (rule.verdict === "inconclusive") return { name, outcome: { kind: "skipped", message: `Inconclusive: ${truncate(rule.reason, MESSAGE_MAX)}` } };
  return { name, outcome: { kind: "passed" }, output: `${rule.verdict.toUpperCase()}: ${rule.reason}` };
}

function metricSuite(metric: MetricComparison, rules: readonly RuleResult[]): Suite {
  const verdict = worstVerdict(rules) ?? "pass";
  const worse = new Map(metric.newly_failing_cases.map((c) => [c.case_id, c]));
  const required = new Map<string, RuleResult>();
  for (const rule of rules) {
    if (rule.rule === "required_cases" && rule.verdict === "fail") for (const id of rule.failing_cases ?? []) required.set(id, rule);
  }
  // A failing required case may not have been scored on both sides; it still gets its testcase.
  const ids = [...metric.paired_case_ids, ...[...required.keys()].filter((id) => !metric.paired_case_ids.includes(id))];
  const d = metric.difference;
  return {
    name: `evalgate.${metric.id}`,
    properties: [
      ["verdict", verdict],
      ["baseline_rate", metric.baseline.rate === null ? "" : String(metric.baseline.rate)],
      ["candidate_rate", metric.candidate.rate === null ? "" : String(metric.candidate.rate)],
      ["difference", d.estimate === null ? "" : String(d.estimate)],
      ["difference_low", String(d.low)],
      ["difference_high", String(d.high)],
      ...(metric.p_value === undefined ? [] : [["mcnemar_p_value", String(metric.p_value)] as [string, string]]),
    ],
    cases: ids.map((id) => caseOf(id, metric.id, verdict, worse.get(id), required.has(id))),
  };
}

function caseOf(caseId: string, metricId: string, verdict: Verdict, worse: RegressedCase | undefined, requiredFailed: boolean): TestCase {
  const reasons = worse ? [...new Set(worse.reasons)] : [];
  const trials = worse ? `trials passed ${worse.baseline.passed}/${worse.baseline.trials} → ${worse.candidate.passed}/${worse.candidate.trials}` : "";
  const summary = (what: string) => [`${metricId}: ${what}`, reasons[0] === undefined ? "" : truncate(reasons[0], MESSAGE_MAX)].filter((s) => s !== "").join("; ");
  if (requiredFailed) {
    const what = `required case did not pass every trial${worse ? ` (${trials})` : ""}`;
    return { name: caseId, outcome: { kind: "failure", type: "required_cases", message: summary(what), body: [what, ...reasons].join("\n") } };
  }
  if (!worse) return { name: caseId, outcome: { kind: "passed" } };
  if (verdict === "fail" || verdict === "warn") {
    return { name: caseId, outcome: { kind: "failure", type: `regression.${verdict}`, message: summary(`got worse, ${trials}`), body: [trials, ...reasons].join("\n") } };
  }
  if (verdict === "inconclusive") {
    return { name: caseId, outcome: { kind: "skipped", message: summary(`got worse (${trials}), but the gate could not decide this metric`) }, output: reasons.join("\n") };
  }
  return { name: caseId, outcome: { kind: "passed" }, output: [`Got worse (${trials}), within what the gate tolerates.`, ...reasons].join("\n") };
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function counts(cases: readonly TestCase[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome.kind === "failure").length,
    skipped: cases.filter((c) => c.outcome.kind === "skipped").length,
  };
}

/** Every reporter reads these; `errors` is always 0, because an unscored trial never reaches a gate's verdict as a test error. */
function countAttributes(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}"`;
}

function suiteXml(suite: Suite): string[] {
  const name = xmlAttribute(suite.name);
  const lines = [`  <testsuite name="${name}" ${countAttributes(counts(suite.cases))} time="0">`];
  if (suite.properties.length > 0) {
    lines.push("    <properties>");
    for (const [key, value] of suite.properties) lines.push(`      <property name="${xmlAttribute(key)}" value="${xmlAttribute(value)}"/>`);
    lines.push("    </properties>");
  }
  // time="0": some reporters compute durations from it and show NaN when it is missing; a gate has no durations.
  for (const c of suite.cases) {
    const open = `    <testcase name="${xmlAttribute(c.name)}" classname="${name}" time="0"`;
    const body = outcomeXml(c.outcome);
    const output = c.output ? `      <system-out>${xmlText(c.output)}</system-out>` : undefined;
    if (body === undefined && output === undefined) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`, ...(body === undefined ? [] : [body]), ...(output === undefined ? [] : [output]), "    </testcase>");
  }
  lines.push("  </testsuite>");
  return lines;
}

function outcomeXml(outcome: Outcome): string | undefined {
  if (outcome.kind === "passed") return undefined;
  if (outcome.kind === "skipped") return `      <skipped message="${xmlAttribute(outcome.message)}"/>`;
  return `      <failure message="${xmlAttribute(outcome.message)}" type="${xmlAttribute(outcome.type)}">${xmlText(outcome.body)}</failure>`;
}

