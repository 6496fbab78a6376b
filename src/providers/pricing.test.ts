import { describe, expect, it } from "vitest";
import { costUsd, priceOf } from "./pricing.js";

describe("model prices", () => {
  it.each([
    // Expected values: tokens × USD-per-million from the table, computed by hand.
    ["openai:gpt-4o-mini", { input_tokens: 1_000_000, output_tokens: 1_000_000 }, 0.75],
    ["openai:gpt-4.1", { input_tokens: 1200, output_tokens: 300 }, (1200 * 2 + 300 * 8) / 1e6],
    ["anthropic:claude-sonnet-4-5-20250929", { input_tokens: 2000, output_tokens: 500 }, (2000 * 3 + 500 * 15) / 1e6],
    ["openai:gpt-4o-2024-08-06", { input_tokens: 1000, output_tokens: 0 }, 0.0025],
  ])("prices %s", (model, usage, expected) => {
    expect(costUsd(model, usage)).toBeCloseTo(expected, 12);
  });

  it("leaves unknown models without a cost rather than calling them free", () => {
    expect(costUsd("databricks:my-endpoint", { input_tokens: 10, output_tokens: 10 })).toBeUndefined();
    // A family prefix alone is not enough: gpt-5-codex is not gpt-5.
    expect(priceOf("openai:gpt-5-codex")).toBeUndefined();
  });

  it("lets the suite override and extend the table", () => {
    const overrides = { "openai:gpt-4o": { input: 1, output: 1 }, "databricks:my-endpoint": { input: 2, output: 4 } };
    expect(costUsd("openai:gpt-4o", { input_tokens: 1e6, output_tokens: 1e6 }, overrides)).toBe(2);
    expect(costUsd("databricks:my-endpoint", { input_tokens: 1e6, output_tokens: 0 }, overrides)).toBe(2);
  });

  it("keeps each table's answers apart when asked again", () => {
    const overrides = { "openai:gpt-4o": { input: 1, output: 1 } };
    for (let round = 0; round < 2; round++) {
      expect(priceOf("openai:gpt-4o", overrides)).toEqual({ input: 1, output: 1 });
      expect(priceOf("openai:gpt-4o")).toEqual({ input: 2.5, output: 10 });
      expect(priceOf("openai:gpt-4o-2024-08-06", overrides)).toEqual({ input: 1, output: 1 });
      expect(priceOf("databricks:my-endpoint", overrides)).toBeUndefined();
    }
  });
});
