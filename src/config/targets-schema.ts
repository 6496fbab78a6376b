import { z } from "zod";

/** A TypeScript/JavaScript module exporting `(input, ctx) => Promise<{ output, trace? }>`. */
export const ModuleTargetSchema = z.strictObject({
  type: z.literal("module"),
  path: z.string().min(1),
  export: z.string().default("default"),
});

/**
 * Canned responses keyed by case id, for offline demos. Explicit by design:
 * evalgate never falls back to it silently.
 */
export const ScriptedTargetSchema = z.strictObject({
  type: z.literal("scripted"),
  path: z.string().min(1),
});

/**
 * One prompt sent to one model: how teams evaluate a prompt change (two suites
 * differing only in `template`). The template file is YAML with `system:`
 * (optional) and `user:` keys holding `{{input.field}}` placeholders.
 */
export const PromptTargetSchema = z.strictObject({
  type: z.literal("prompt"),
  /** "openai:gpt-4.1-mini", "anthropic:…", "databricks:<endpoint>", … */
  model: z.string().min(1),
  template: z.string().min(1),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
});

/** A JSONPath-style selector: `$`, `$.a.b[0].c`, `$.items[*].id`, `$.messages[-1].content`. */
const Selector = z.string().regex(/^\$/, "Expected a selector starting with $ (e.g. $.answer or $.items[*].id)");

/** Any JSON HTTP endpoint. Header values may use ${ENV_VAR}; they are never recorded. */
export const HttpTargetSchema = z.strictObject({
  type: z.literal("http"),
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(["GET", "POST", "PUT", "PATCH"]).default("POST"),
  headers: z.record(z.string(), z.string()).default({}),
  /** A JSON value whose strings may hold placeholders; a string that is exactly `{{input.x}}` inserts the raw value. */
  body: z.unknown().default("{{input}}"),
  output: Selector.default("$"),
  context: Selector.optional(),
  tool_calls: Selector.optional(),
  usage: Selector.optional(),
  timeout_ms: z.number().int().positive().optional(),
  /**
   * Extra attempts after a 408, 409, 429, 5xx or dropped connection. Default 0:
   * the service under test failing is a result to record, not to hide.
   */
  retries: z.number().int().min(0).max(10).default(0),
});

export const ServingFormatSchema = z.enum([
  "chat",
  "responses-agent",
  "chat-agent",
  "dataframe-records",
  "dataframe-split",
  "inputs",
]);
export type ServingFormat = z.infer<typeof ServingFormatSchema>;

/**
 * A Databricks Model Serving endpoint (or anything speaking the same
 * `/invocations` contract, such as `mlflow models serve`, via `url` + `auth: none`).
 */
export const DatabricksServingTargetSchema = z
  .strictObject({
    type: z.literal("databricks-serving"),
    /** Endpoint name; resolved against the workspace before the run. */
    endpoint: z.string().min(1).optional(),
    /** Workspace URL override (default: Databricks credentials' host). */
    host: z.url().optional(),
    /** Full invocations URL; skips endpoint resolution (e.g. http://127.0.0.1:5001/invocations). */
    url: z.url().optional(),
    auth: z.enum(["databricks", "none"]).default("databricks"),
    format: ServingFormatSchema.default("chat"),
    /** chat/agent formats: extra top-level fields (temperature, max_tokens); pyfunc formats: MLflow `params`. */
    params: z.record(z.string(), z.unknown()).optional(),
    /** Agent formats: sent as `custom_inputs`. */
    custom_inputs: z.record(z.string(), z.unknown()).optional(),
    /** Ask the endpoint for its MLflow trace (retrieved documents, tool spans). */
    return_trace: z.boolean().default(false),
    wait_until_ready: z
      .strictObject({
        timeout_ms: z.number().int().positive(),
        poll_interval_ms: z.number().int().positive().default(10_000),
      })
      .optional(),
    /** Per attempt; default: providers.databricks.timeout_ms, then the transport's 120000. */
    timeout_ms: z.number().int().positive().optional(),
  })
  .refine((t) => t.endpoint !== undefined || t.url !== undefined, {
    message: "Expected `endpoint` (a serving endpoint name) or `url` (a full /invocations URL)",
    path: ["endpoint"],
  })
  .refine((t) => t.url !== undefined || t.auth === "databricks" || t.host !== undefined, {
    message: "With auth: none and no `url`, set `host` (the server that serves /serving-endpoints/<name>/invocations)",
    path: ["host"],
  });

export const TargetConfigSchema = z.discriminatedUnion("type", [
  ModuleTargetSchema,
  ScriptedTargetSchema,
  PromptTargetSchema,
  HttpTargetSchema,
  DatabricksServingTargetSchema,
]);
export type TargetConfig = z.infer<typeof TargetConfigSchema>;
export type PromptTargetConfig = z.infer<typeof PromptTargetSchema>;
export type HttpTargetConfig = z.infer<typeof HttpTargetSchema>;
export type DatabricksServingTargetConfig = z.infer<typeof DatabricksServingTargetSchema>;
