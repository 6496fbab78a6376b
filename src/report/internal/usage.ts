import type { TokenUsage } from "../../log/index.js";
import type { UsageTotals } from "../summary-schema.js";

/** What one model call (a target trial or a judge verdict) reports about its cost. */
export interface CallUsage {
  usage?: TokenUsage | undefined;
  cost_usd?: number | undefined;
  cached?: boolean | undefined;
}

export function totalUsage(calls: Iterable<CallUsage>): UsageTotals {
  const totals: UsageTotals = { input_tokens: 0, output_tokens: 0, cost_usd: 0, cache_hits: 0, calls_with_usage: 0 };
  for (const call of calls) {
    if (call.usage) {
      totals.input_tokens += call.usage.input_tokens;
      totals.output_tokens += call.usage.output_tokens;
      totals.calls_with_usage += 1;
    }
    totals.cost_usd += call.cost_usd ?? 0;
    if (call.cached === true) totals.cache_hits += 1;
  }
  return totals;
}
