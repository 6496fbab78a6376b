import { z } from "zod";

/** Per-suite provider settings: base URLs for gateways, rate limits, price overrides. */
export const ProvidersConfigSchema = z.strictObject({});
export type ProvidersConfig = z.infer<typeof ProvidersConfigSchema>;
