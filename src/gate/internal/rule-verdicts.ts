import type { GateResult, RuleResult, Verdict } from "../gate-result-schema.js";

/** Worst first: one failing rule makes the metric fail, whatever the others say. */
const SEVERITY: readonly Verdict[] = ["fail", "inconclusive", "warn", "pass"];

/** The rules checked on each metric, keyed by metric id; a metric no rule checked is absent (not gated). */
export function rulesByMetric(result: GateResult): Map<string, RuleResult[]> {
  const byMetric = new Map<string, RuleResult[]>();
  for (const rule of result.rules) {
    if (rule.metric === undefined) continue;
    const list = byMetric.get(rule.metric) ?? [];
    list.push(rule);
    byMetric.set(rule.metric, list);
  }
  return byMetric;
}

export function worstVerdict(rules: readonly RuleResult[]): Verdict | undefined {
  return SEVERITY.find((verdict) => rules.some((rule) => rule.verdict === verdict));
}
