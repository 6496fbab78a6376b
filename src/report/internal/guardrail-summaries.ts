import type { GuardDecision, TrialRecord } from "../../log/index.js";
import { percentile } from "../../stats/index.js";
import type { GuardrailSummary } from "../summary-schema.js";

/**
 * Trigger counts per guard and stage, input stage first, guards in the order
 * their decisions first appear. Undefined when no trial carries guardrails.
 */
export function summarizeGuardrails(trials: readonly TrialRecord[]): GuardrailSummary[] | undefined {
  if (!trials.some((t) => t.guardrails !== undefined)) return undefined;
  const byGuard = new Map<string, { first: GuardDecision; decisions: GuardDecision[]; cases: Set<string> }>();
  for (const trial of trials) {
    for (const decision of trial.guardrails ?? []) {
      const key = `${decision.stage}\0${decision.id}`;
      const entry = byGuard.get(key) ?? { first: decision, decisions: [], cases: new Set<string>() };
      entry.decisions.push(decision);
      if (decision.triggered) entry.cases.add(trial.case_id);
      byGuard.set(key, entry);
    }
  }
  const summaries = [...byGuard.values()].map(({ first, decisions, cases }): GuardrailSummary => {
    const triggered = decisions.filter((d) => d.triggered).length;
    const latencies = decisions.map((d) => d.latency_ms);
    return {
      id: first.id,
      type: first.type,
      stage: first.stage,
      action: first.action,
      runs: decisions.length,
      triggered,
      trigger_rate: decisions.length === 0 ? null : triggered / decisions.length,
      cases_triggered: cases.size,
      errors: decisions.filter((d) => d.error !== undefined).length,
      latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
  });
  // Stable: guards keep their first-seen order within a stage.
  return summaries.sort((a, b) => (a.stage === b.stage ? 0 : a.stage === "input" ? -1 : 1));
}
