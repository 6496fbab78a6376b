import type { TokenUsage } from "../../log/index.js";
import type { UsageTotals } from "../summary-schema.js";
import type { OrderKey } from "./order-key.js";
import { OrderedSum } from "./ordered-sum.js";

/** What one model call (a target trial or a judge verdict) reports about its cost. */
export interface CallUsage {
  usage?: TokenUsage | undefined;
  cost_usd?: number | undefined;
  cached?: boolean | undefined;
}

/** Token and cost totals over calls given in any order; the cost sums in order-key order. */
export class UsageTally {
  private readonly totals: Omit<UsageTotals, "cost_usd"> = { input_tokens: 0, output_tokens: 0, cache_hits: 0, calls_with_usage: 0 };
  private readonly cost = new OrderedSum();

  add(key: OrderKey, call: CallUsage): void {
    if (call.usage) {
      this.totals.input_tokens += call.usage.input_tokens;
      this.totals.output_tokens += call.usage.output_tokens;
      this.totals.calls_with_usage += 1;
    }
    this.cost.add(key, call.cost_usd ?? 0);
    if (call.cached === true) this.totals.cache_hits += 1;
  }

  finish(): UsageTotals {
    const { input_tokens, output_tokens, cache_hits, calls_with_usage } = this.totals;
    return { input_tokens, output_tokens, cost_usd: this.cost.total(), cache_hits, calls_with_usage };
  }
}
