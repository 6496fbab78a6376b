import { redactTokenShapes } from "../../../secrets/index.js";
import type { GuardDecision } from "../../types.js";
import type { ProxyDecisionLog } from "../log-entry.js";

/** A decision as logged: offsets and reasons dropped (they point into or quote the text), errors scrubbed of token shapes. */
export function logDecision(decision: GuardDecision): ProxyDecisionLog {
  const labels = [...new Set((decision.spans ?? []).map((span) => span.label))].sort();
  return {
    id: decision.id,
    stage: decision.stage,
    triggered: decision.triggered,
    action: decision.action,
    latency_ms: Math.round(decision.latency_ms * 1000) / 1000,
    ...(decision.score === undefined ? {} : { score: decision.score }),
    ...(labels.length > 0 ? { labels } : {}),
    ...(decision.error === undefined ? {} : { error: redactTokenShapes(decision.error) }),
  };
}

/** Ids of the guards that masked something. */
export function redactingGuards(decisions: readonly GuardDecision[]): string[] {
  return [...new Set(decisions.filter((d) => d.triggered && d.action === "redact").map((d) => d.id))];
}
