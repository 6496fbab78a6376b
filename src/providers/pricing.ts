import type { ModelPrice } from "../config/providers-schema.js";
import type { TokenUsage } from "../log/index.js";

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * USD per million tokens (input, output) from the vendors' public pricing
 * pages (openai.com/api/pricing, anthropic.com/pricing) as of late 2025.
 * Prices change: override or extend them under `providers.prices`.
 */
export const DEFAULT_PRICES: PriceTable = {
  "openai:gpt-5": { input: 1.25, output: 10 },
  "openai:gpt-5-mini": { input: 0.25, output: 2 },
  "openai:gpt-5-nano": { input: 0.05, output: 0.4 },
  "openai:gpt-4.1": { input: 2, output: 8 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "openai:gpt-4o": { input: 2.5, output: 10 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai:o3": { input: 2, output: 8 },
  "openai:o3-mini": { input: 1.1, output: 4.4 },
  "openai:o4-mini": { input: 1.1, output: 4.4 },
  "anthropic:claude-opus-4-5": { input: 5, output: 25 },
  "anthropic:claude-opus-4-1": { input: 15, output: 75 },
  "anthropic:claude-opus-4-0": { input: 15, output: 75 },
  "anthropic:claude-sonnet-4-5": { input: 3, output: 15 },
  "anthropic:claude-sonnet-4-0": { input: 3, output: 15 },
  "anthropic:claude-3-7-sonnet": { input: 3, output: 15 },
  "anthropic:claude-haiku-4-5": { input: 1, output: 5 },
  "anthropic:claude-3-5-haiku": { input: 0.8, output: 4 },
};

// Dated snapshots ("gpt-4o-2024-08-06", "claude-sonnet-4-5-20250929") and aliases cost what their family costs.
const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

const NO_OVERRIDES: PriceTable = {};
// Looked up on every call's reply, always among a handful of model ids: remembered per price table.
const lookups = new WeakMap<PriceTable, Map<string, ModelPrice | undefined>>();

/** The price of a model id, or undefined when unknown (never guessed). */
export function priceOf(modelId: string, overrides: PriceTable = NO_OVERRIDES): ModelPrice | undefined {
  let known = lookups.get(overrides);
  if (known === undefined) {
    known = new Map();
    lookups.set(overrides, known);
  }
  if (known.has(modelId)) return known.get(modelId);
  const price = lookUp(modelId, { ...DEFAULT_PRICES, ...overrides });
  known.set(modelId, price);
  return price;
}

function lookUp(modelId: string, table: PriceTable): ModelPrice | undefined {
  const exact = table[modelId];
  if (exact) return exact;
  let best: { key: string; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(table)) {
    if (modelId.startsWith(key) && SNAPSHOT_SUFFIX.test(modelId.slice(key.length)) && key.length > (best?.key.length ?? 0)) {
      best = { key, price };
    }
  }
  return best?.price;
}

/** Cost of one call in USD; undefined (not 0) when the model has no known price. */
export function costUsd(modelId: string, usage: TokenUsage, overrides?: PriceTable): number | undefined {
  const price = priceOf(modelId, overrides);
  if (!price) return undefined;
  return (usage.input_tokens * price.input + usage.output_tokens * price.output) / 1_000_000;
}
