import { setTimeout as delay } from "node:timers/promises";
import type { DatabricksServingTargetConfig } from "../../config/targets-schema.js";
import { TargetError } from "../../errors.js";
import { databricksAccess, type ProviderOptions } from "../../providers/index.js";
import type { Target, TargetInfo } from "../types.js";
import { parseEndpointStatus, type EndpointStatus } from "./endpoint-info.js";
import { buildServingPayload } from "./request-payload.js";
import { mapServingResponse } from "./response-mapping.js";
import { attachUcModels } from "./uc-model-version.js";
import { describeUrl } from "../internal/describe-url.js";

export interface DatabricksServingDeps {
  /**
   * The suite's `providers:` block (its `databricks` section sets the profile,
   * limits, timeout and attempts, as for `databricks:` models), and where
   * credentials are read from: env (default process.env), home, transport.
   */
  providerOptions?: ProviderOptions;
  /** Waits between readiness polls; injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

interface Connection {
  invocationsUrl: string;
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
}

/**
 * A Databricks Model Serving endpoint, called with raw JSON through the
 * shared transport. Before the run, the endpoint is resolved once: it must be
 * READY, and its config version, served entities and traffic split go on
 * `info.serving` for the run manifest, each Unity Catalog entity with the run
 * and model id of its model version when the caller may read it. With `url`,
 * the endpoint is called directly (e.g. `mlflow models serve`) and nothing is
 * resolved.
 */
export function createDatabricksServingTarget(config: DatabricksServingTargetConfig, deps: DatabricksServingDeps = {}): Target {
  const providerOptions = deps.providerOptions ?? {};
  const access = databricksAccess(providerOptions);
  const transport = access.transport;
  const sleep = deps.sleep ?? ((ms: number) => delay(ms));
  const info: TargetInfo = {
    type: "databricks-serving",
    description: config.url ? `serving ${describeUrl(config.url)} (${config.format})` : `databricks-serving ${config.endpoint} (${config.format})`,
    format: config.format,
  };
  let connecting: Promise<Connection> | undefined;
  let warnedNoTrace = false;
  const connect = () => (connecting ??= openConnection());

  async function openConnection(): Promise<Connection> {
    // Resolved here, before the first trial, so missing credentials stop the run rather than fail every trial.
    const env = { ...(providerOptions.env ?? process.env), ...(config.host ? { DATABRICKS_HOST: config.host } : {}) };
    const auth = config.auth === "databricks" ? access.resolveAuth(env) : undefined;
    const headers = async (signal?: AbortSignal) => (auth ? await auth.headers(signal) : {});
    if (config.url) return { invocationsUrl: config.url, headers };
    const endpoint = config.endpoint as string;
    const host = (auth?.host ?? config.host ?? "").replace(/\/+$/, "");
    const status = await awaitReady(host, endpoint, headers);
    info.serving = await attachUcModels(status.serving, async (fullName, version) => {
      const response = await transport.request({
        url: `${host}/api/2.1/unity-catalog/models/${encodeURIComponent(fullName)}/versions/${encodeURIComponent(version)}`,
        method: "GET",
        headers: await headers(),
      });
      return response.body;
    });
    return { invocationsUrl: `${host}/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`, headers };
  }

  async function fetchStatus(host: string, endpoint: string, headers: Connection["headers"]): Promise<EndpointStatus> {
    const response = await transport.request({
      url: `${host}/api/2.0/serving-endpoints/${encodeURIComponent(endpoint)}`,
      method: "GET",
      headers: await headers(),
    });
    return parseEndpointStatus(endpoint, response.body);
  }

  async function awaitReady(host: string, endpoint: string, headers: Connection["headers"]): Promise<EndpointStatus> {
    const wait = config.wait_until_ready;
    // Counting polls rather than reading a clock keeps the budget exact and testable.
    const polls = wait ? Math.max(1, Math.floor(wait.timeout_ms / wait.poll_interval_ms)) : 0;
    let status = await fetchStatus(host, endpoint, headers);
    for (let poll = 0; status.ready !== "READY" && poll < polls; poll++) {
      await sleep((wait as NonNullable<typeof wait>).poll_interval_ms);
      status = await fetchStatus(host, endpoint, headers);
    }
    if (status.ready !== "READY") throw notReady(endpoint, status, wait?.timeout_ms);
    return status;
  }

  return {
    info,
    async prepare() {
      await connect();
    },
    async invoke(input, ctx) {
      const { invocationsUrl, headers } = await connect();
      const payload = buildServingPayload(config.format, input, {
        ...(config.params ? { params: config.params } : {}),
        ...(config.custom_inputs ? { custom_inputs: config.custom_inputs } : {}),
        return_trace: config.return_trace,
      });
      const response = await transport.request({
        url: invocationsUrl,
        method: "POST",
        headers: await headers(ctx.signal),
        json: payload.body,
        signal: ctx.signal,
        ...(ctx.deadline ? { deadline: ctx.deadline } : {}),
        // Unset: the transport's, i.e. providers.databricks.timeout_ms or the default.
        ...(config.timeout_ms === undefined ? {} : { timeoutMs: config.timeout_ms }),
      });
      const { output, trace } = mapServingResponse(config.format, response.body, payload.rows);
      if (config.return_trace && !warnedNoTrace && !hasReturnedTrace(response.body)) {
        // Once per run: every trial would say the same, and the run itself is fine.
        warnedNoTrace = true;
        ctx.warn?.(
          `${info.description}: return_trace is set but the endpoint answered without databricks_output.trace, so trials record no retrieved context or tool spans from it. Enable tracing on the served model (an MLflow 3 agent logged with tracing), or remove return_trace.`,
        );
      }
      // Under a traffic split this names the served entity that actually answered.
      const servedModel = response.headers.get("served-model-name");
      if (servedModel) trace.served_model_name = servedModel;
      return Object.keys(trace).length > 0 ? { output, trace } : { output };
    },
  };
}

function hasReturnedTrace(body: unknown): boolean {
  const output = typeof body === "object" && body !== null ? (body as { databricks_output?: { trace?: unknown } }).databricks_output : undefined;
  return output?.trace !== undefined && output.trace !== null;
}

function notReady(endpoint: string, status: EndpointStatus, waitedMs: number | undefined): TargetError {
  const update = status.configUpdate ? ` (config_update: ${status.configUpdate})` : "";
  const waited = waitedMs === undefined
    ? "Wait for it to finish deploying, or set wait_until_ready: { timeout_ms: 600000 } on the target to poll before the run."
    : `It did not become READY within ${waitedMs} ms; raise wait_until_ready.timeout_ms or check the endpoint's events in Databricks.`;
  return new TargetError(`Serving endpoint "${endpoint}" is ${status.ready}${update}, not READY. ${waited}`);
}
