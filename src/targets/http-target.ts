import type { HttpTargetConfig } from "../config/targets-schema.js";
import { templatePlaceholders } from "../config/template.js";
import { ConfigError, TargetError } from "../errors.js";
import type { Trace } from "../log/index.js";
import { createTransport, type Transport } from "../providers/index.js";
import type { SecretSink } from "../secrets/index.js";
import { compileSelectors } from "./internal/compile-selectors.js";
import { renderJsonTemplate } from "./internal/json-template.js";
import { redactErrorMessage } from "./internal/redact-error.js";
import { resolveHeaders, type ResolvedHeaders } from "./internal/resolve-headers.js";
import { toContextDocs, toToolCalls, toUsage } from "./internal/trace-fields.js";
import { trialVars, unknownRoots } from "./internal/trial-vars.js";
import type { Target } from "./types.js";
import { describeUrl } from "./internal/describe-url.js";

export interface HttpTargetDeps {
  transport?: Transport;
  /** Source of `${VAR}` header values; default process.env. */
  env?: Record<string, string | undefined>;
  /**
   * The run's concurrency: the service's host may take that many calls at
   * once (the shared default per-host cap would otherwise throttle a suite
   * that asks for more).
   */
  concurrency?: number;
  /** The run's redactor: fed every `${VAR}` value as it is resolved, so no write can carry one. */
  secrets?: SecretSink;
}

/**
 * Any JSON HTTP endpoint: the body template is filled from the case, the
 * response is mapped to output and trace with selectors. Header values are
 * sent but never recorded: not in info, results or error messages.
 */
export function createHttpTarget(config: HttpTargetConfig, deps: HttpTargetDeps = {}): Target {
  const selectors = compileSelectors(
    { output: config.output, context: config.context, tool_calls: config.tool_calls, usage: config.usage },
    "target",
  );
  const typos = unknownRoots(templatePlaceholders(JSON.stringify(config.body)));
  if (typos.length > 0) {
    throw new ConfigError(undefined, [
      { path: "target.body", message: `Unknown placeholder ${typos.map((p) => `{{${p}}}`).join(", ")}; placeholders start with input, expected, case_id or trial` },
    ]);
  }
  const transport = deps.transport ?? createTransport(deps.concurrency ? { maxConcurrencyPerHost: deps.concurrency } : {});
  const env = deps.env ?? process.env;
  const endpoint = describeUrl(config.url);
  let resolved: ResolvedHeaders | undefined;
  const headers = (): ResolvedHeaders => {
    if (resolved) return resolved;
    resolved = resolveHeaders(config.headers, env, `target (http ${endpoint})`);
    for (const [name, value] of Object.entries(resolved.variables)) deps.secrets?.add(name, value);
    return resolved;
  };

  return {
    info: { type: "http", description: `http ${config.method} ${endpoint}` },
    async prepare() {
      headers();
    },
    async invoke(input, ctx) {
      const { headers: sent, secrets } = headers();
      const body = config.method === "GET" ? undefined : renderBody(config.body, trialVars(input, ctx));
      let response;
      try {
        response = await transport.request({
          url: config.url,
          method: config.method,
          headers: sent,
          ...(body === undefined ? {} : { json: body }),
          signal: ctx.signal,
          maxAttempts: config.retries + 1,
          ...(ctx.deadline ? { deadline: ctx.deadline } : {}),
          ...(config.timeout_ms === undefined ? {} : { timeoutMs: config.timeout_ms }),
        });
      } catch (error) {
        throw redactErrorMessage(error, secrets);
      }
      const output = selectors.output?.select(response.body);
      if (output === undefined) {
        throw new TargetError(`http ${endpoint}: output selector ${config.output} matched nothing in the response; check target.output.`);
      }
      // A configured selector that matches nothing means the service reported none (OpenAI omits
      // `tool_calls` when the model called no tool): an empty list the checks score, not a missing trace.
      const context = selectors.context && (toContextDocs(selectors.context.select(response.body)) ?? []);
      const toolCalls = selectors.tool_calls && (toToolCalls(selectors.tool_calls.select(response.body)) ?? []);
      const usage = toUsage(selectors.usage?.select(response.body));
      const trace: Trace = {
        ...(context ? { context } : {}),
        ...(toolCalls ? { tool_calls: toolCalls } : {}),
        ...(usage ? { usage } : {}),
        attempts: response.attempts,
      };
      return { output, trace };
    },
  };
}

function renderBody(template: unknown, vars: Record<string, unknown>): unknown {
  const { value, missing } = renderJsonTemplate(template, vars);
  if (missing.length > 0) {
    throw new TargetError(
      `http body template: placeholder ${missing.map((p) => `{{${p}}}`).join(", ")} has no value for this case; add the field to the case or change target.body.`,
    );
  }
  return value;
}
