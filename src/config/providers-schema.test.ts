import { describe, expect, it } from "vitest";
import { ProvidersConfigSchema } from "./providers-schema.js";

describe("providers config block", () => {
  it("accepts per-vendor gateways, limits and price overrides", () => {
    const parsed = ProvidersConfigSchema.parse({
      openai: { base_url: "https://gateway.example.test/v1", api_key_env: "GATEWAY_KEY", requests_per_minute: 500, max_concurrency: 8 },
      databricks: { profile: "staging", timeout_ms: 30_000 },
      prices: { "databricks:my-endpoint": { input: 1, output: 3 } },
    });
    expect(parsed.openai?.api_key_env).toBe("GATEWAY_KEY");
    expect(parsed.databricks?.profile).toBe("staging");
  });

  it.each([
    [{ openai: { api_key: "sk-..." } }, "openai"],
    [{ openai: { api_key_env: "not a name" } }, "openai.api_key_env"],
    [{ anthropic: { base_url: "not a url" } }, "anthropic.base_url"],
    [{ prices: { "openai:x": { input: -1, output: 1 } } }, "prices.openai:x.input"],
  ])("rejects %j at %s", (input, path) => {
    const result = ProvidersConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
});
