import { z } from "zod";

/** Settings for one vendor's API: where it is (gateways, proxies) and how hard to push it. */
export const VendorSettingsSchema = z.strictObject({
  /** e.g. a company gateway in front of the vendor API. */
  base_url: z.url().optional(),
  /** Read the key from this variable instead of the vendor default (e.g. OPENAI_API_KEY). */
  api_key_env: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Expected an environment variable name such as MY_GATEWAY_KEY")
    .optional(),
  requests_per_minute: z.number().int().positive().optional(),
  tokens_per_minute: z.number().int().positive().optional(),
  /** Requests in flight at once to this vendor's host, shared by judges and targets. */
  max_concurrency: z.number().int().positive().optional(),
  /** Per-attempt timeout. */
  timeout_ms: z.number().int().positive().optional(),
  /** Attempts per call, first included. */
  max_attempts: z.number().int().min(1).max(20).optional(),
});
export type VendorSettings = z.infer<typeof VendorSettingsSchema>;

/** USD per million tokens. */
export const ModelPriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** Per-suite provider settings: base URLs for gateways, rate limits, price overrides. */
export const ProvidersConfigSchema = z.strictObject({
  openai: VendorSettingsSchema.optional(),
  anthropic: VendorSettingsSchema.optional(),
  /** Databricks model serving; `profile` picks a ~/.databrickscfg section. */
  databricks: VendorSettingsSchema.extend({ profile: z.string().min(1).optional() }).optional(),
  /** Any OpenAI-compatible server (vLLM, Ollama, LiteLLM, …): base_url or OPENAI_BASE_URL. */
  openai_compatible: VendorSettingsSchema.optional(),
  /** Prices by model id ("openai:gpt-4o", "databricks:my-endpoint"), overriding the built-in table. */
  prices: z.record(z.string().min(1), ModelPriceSchema).optional(),
});
export type ProvidersConfig = z.infer<typeof ProvidersConfigSchema>;
