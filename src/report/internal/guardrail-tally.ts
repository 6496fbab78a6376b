import type { GuardDecision } from "../../log/index.js";
import { percentile } from "../../stats/index.js";
import type { GuardrailSummary } from "../summary-schema.js";
import { Float64List } from "./growable.js";
import { FirstSeen } from "./order-key.js";

interface GuardState {
  runs: number;
  triggered: number;
  errors: number;
  /** Positions of the cases it triggered on. */
  cases: Set<number>;
  latencies: Float64List;
}

/**
 * Trigger counts per guard and stage, input stage first, guards in the order
 * their decisions first appear. Undefined when no trial carries guardrails.
 */
export class GuardrailTally {
  private seen = false;
  private readonly guards = new Map<string, GuardState>();
  private readonly first = new FirstSeen<GuardDecision>();

  add(casePosition: number, trial: number, decisions: readonly GuardDecision[] | undefined): void {
    if (decisions === undefined) return;
    this.seen = true;
    decisions.forEach((decision, within) => {
      const id = `${decision.stage}\0${decision.id}`;
      let state = this.guards.get(id);
      if (!state) this.guards.set(id, (state = { runs: 0, triggered: 0, errors: 0, cases: new Set(), latencies: new Float64List() }));
      this.first.offer(id, [casePosition, trial, within], decision);
      state.runs += 1;
      if (decision.triggered) {
        state.triggered += 1;
        state.cases.add(casePosition);
      }
      if (decision.error !== undefined) state.errors += 1;
      state.latencies.push(decision.latency_ms);
    });
  }

  finish(): GuardrailSummary[] | undefined {
    if (!this.seen) return undefined;
    const summaries = this.first.entries().map(([id, first]): GuardrailSummary => {
      const state = this.guards.get(id)!;
      const latencies = state.latencies.toArray();
      return {
        id: first.id,
        type: first.type,
        stage: first.stage,
        action: first.action,
        runs: state.runs,
        triggered: state.triggered,
        trigger_rate: state.runs === 0 ? null : state.triggered / state.runs,
        cases_triggered: state.cases.size,
        errors: state.errors,
        latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
      };
    });
    // Stable: guards keep their first-seen order within a stage.
    return summaries.sort((a, b) => (a.stage === b.stage ? 0 : a.stage === "input" ? -1 : 1));
  }
}
