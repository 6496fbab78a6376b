import type { z } from "zod";
import { EvalgateError, errorMessage } from "../errors.js";
import { createTransport, ProviderAPIError, type FetchLike, type Transport } from "../providers/index.js";
import type { MlflowConnection } from "./connection.js";
import { MLFLOW_LIMITS } from "./internal/limits.js";
import { planLogBatches, type KeyValue, type LogBatch } from "./internal/log-batch-plan.js";
import { otlpExportRequest, type OtlpSpan } from "./internal/otlp.js";
import { spansFromOtelProto, spansFromTraceData, type TraceSpan } from "./internal/trace-spans.js";
import {
  CreateExperimentResponse,
  CredentialsResponse,
  GetExperimentResponse,
  GetFullTraceResponse,
  GetTraceResponse,
  RunResponse,
  SearchTraceInfosResponse,
  TraceDataCredentialsResponse,
  SearchRunsResponse,
  SearchTracesResponse,
  type CredentialInfo,
  type Experiment,
  type Run,
  type RunStatus,
  type StoredTraceInfo,
} from "./internal/wire.js";
import type { Assessment, TraceInfoV3 } from "./trace-payload.js";

export type { Experiment, Run, RunStatus, StoredAssessment, StoredTraceInfo } from "./internal/wire.js";
export type { TraceSpan } from "./internal/trace-spans.js";

/**
 * Where a trace's spans are kept, as its `mlflow.trace.spansLocation` tag
 * says: in the tracking store (MLflow 3 servers, traces sent over OTLP), or
 * as a trace-data file in the artifact store (the default before, and on
 * Databricks).
 */
export type SpansLocation = "tracking-store" | "artifacts";

export interface SearchTracesInput {
  experimentIds: string[];
  /** MLflow's trace filter syntax, e.g. `trace.status = 'OK'`. */
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export interface DatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  /** JSON, e.g. {"uri": "data/cases.jsonl"}. */
  source: string;
  /** JSON, e.g. {"mlflow_colspec": [...]}. */
  schema?: string;
  /** JSON, e.g. {"num_rows": 42}. */
  profile?: string;
  tags?: KeyValue[];
}

export interface SearchRunsInput {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export interface MlflowClientOptions {
  /** Defaults to a transport with evalgate's retry policy (429/5xx with backoff). */
  transport?: Transport;
  /** Shortcut for tests: a transport over this fetch. */
  fetch?: FetchLike;
}

/**
 * Typed client for the MLflow REST API (tracking 2.0, artifacts, GenAI traces
 * and assessments 3.0). Resources only build requests and parse responses;
 * retries and timeouts are the transport's.
 */
export interface MlflowClient {
  readonly connection: MlflowConnection;
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  /** Undefined when no experiment has this id. */
  getExperiment(experimentId: string): Promise<Experiment | undefined>;
  /** Gets the experiment, creating it when missing (and surviving a concurrent create). */
  getOrCreateExperiment(name: string): Promise<Experiment>;
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;
  createRun(input: { experimentId: string; runName: string; startTime: number; tags?: KeyValue[] }): Promise<Run>;
  updateRun(runId: string, status: RunStatus, endTime: number): Promise<void>;
  getRun(runId: string): Promise<Run>;
  deleteRun(runId: string): Promise<void>;
  searchRuns(input: SearchRunsInput): Promise<{ runs: Run[]; nextPageToken: string | undefined }>;
  /** Splits at the server's limits; returns warnings for truncated keys and values. */
  logBatch(runId: string, batch: LogBatch): Promise<{ requests: number; warnings: string[] }>;
  logInputs(runId: string, datasets: DatasetInput[]): Promise<void>;
  uploadArtifact(run: Run, path: string, content: Uint8Array | string): Promise<void>;
  /** Undefined when the run has no such artifact. */
  downloadArtifact(run: Run, path: string): Promise<Uint8Array | undefined>;
  /** StartTraceV3; MLflow 3 servers also store `traceInfo.assessments` sent with it. */
  startTrace(traceInfo: TraceInfoV3): Promise<void>;
  /** Sends spans over OTLP/HTTP JSON to `/v1/traces`, where MLflow 3 stores them with the trace. */
  logSpans(experimentId: string, spans: readonly OtlpSpan[]): Promise<void>;
  /** Links in chunks of 100; false when the server predates the endpoint. */
  linkTracesToRun(runId: string, traceIds: readonly string[]): Promise<boolean>;
  createAssessment(assessment: Assessment): Promise<void>;
  /** Sets (or replaces) one tag of a stored trace. */
  setTraceTag(traceId: string, key: string, value: string): Promise<void>;
  /** Ids of the traces that belong to an MLflow run (metadata mlflow.sourceRun or linked), every page. */
  searchTraceIds(experimentId: string, mlflowRunId: string): Promise<string[]>;
  /** One page of trace infos (metadata, tags, assessments), without spans. */
  searchTraces(input: SearchTracesInput): Promise<{ traces: StoredTraceInfo[]; nextPageToken: string | undefined }>;
  /** One trace's info: its tags and its assessments as stored. */
  getTraceInfo(traceId: string): Promise<StoredTraceInfo>;
  /**
   * A trace's spans, attributes decoded. MLflow 3 servers answer
   * `/api/3.0/mlflow/traces/get`; Databricks serves span data from a signed
   * URL (`credentials-for-data-download`).
   */
  getTraceSpans(traceId: string, stored?: SpansLocation): Promise<TraceSpan[]>;
  /** Deletes every trace of the run: deleting a run leaves its traces behind. Returns how many were deleted. */
  deleteTracesOfRun(experimentId: string, runId: string): Promise<number>;
}

export function createMlflowClient(connection: MlflowConnection, options: MlflowClientOptions = {}): MlflowClient {
  const transport = options.transport ?? createTransport({ timeoutMs: 60_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const api = (path: string) => `${connection.baseUrl}${path}`;

  async function call<S extends z.ZodType>(method: "GET" | "POST" | "PATCH", path: string, payload: unknown, schema: S): Promise<z.infer<S>>;
  async function call(method: "GET" | "POST" | "PATCH", path: string, payload: unknown): Promise<unknown>;
  async function call(method: "GET" | "POST" | "PATCH", path: string, payload: unknown, schema?: z.ZodType): Promise<unknown> {
    let url = api(path);
    if (method === "GET" && payload !== undefined) {
      url += `?${new URLSearchParams(payload as Record<string, string>).toString()}`;
    }
    const response = await transport.request({
      url,
      method,
      headers: { ...(await connection.authHeaders()), "user-agent": "evalgate" },
      ...(method === "GET" ? {} : { json: payload ?? {} }),
    });
    if (!schema) return response.body;
    const parsed = schema.safeParse(response.body ?? {});
    if (!parsed.success) {
      throw new EvalgateError("TRACKING_FAILED", `MLflow ${method} ${path} answered with an unexpected body: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    }
    return parsed.data;
  }

  async function sendRaw(url: string, init: { method: string; headers: Record<string, string>; body?: Uint8Array | string }): Promise<Response> {
    const body = typeof init.body === "string" ? init.body : init.body ? Buffer.from(init.body) : undefined;
    return transport.fetch(url, { method: init.method, headers: init.headers, ...(body === undefined ? {} : { body }) });
  }

  async function databricksCredentials(kind: "read" | "write", runId: string, path: string): Promise<CredentialInfo> {
    const response = await call("POST", `/api/2.0/mlflow/artifacts/credentials-for-${kind}`, { run_id: runId, path: [path] }, CredentialsResponse);
    const info = response.credential_infos[0];
    if (!info) throw new EvalgateError("TRACKING_FAILED", `Databricks returned no ${kind} credentials for artifact ${path} of run ${runId}.`);
    return info;
  }

  const client: MlflowClient = {
    connection,

    async getExperimentByName(name) {
      try {
        return (await call("GET", "/api/2.0/mlflow/experiments/get-by-name", { experiment_name: name }, GetExperimentResponse)).experiment;
      } catch (error) {
        if (isMlflowError(error, 404, "RESOURCE_DOES_NOT_EXIST")) return undefined;
        throw error;
      }
    },

    async getExperiment(experimentId) {
      try {
        return (await call("GET", "/api/2.0/mlflow/experiments/get", { experiment_id: experimentId }, GetExperimentResponse)).experiment;
      } catch (error) {
        if (isMlflowError(error, 404, "RESOURCE_DOES_NOT_EXIST") || isMlflowError(error, 400, "INVALID_PARAMETER_VALUE")) return undefined;
        throw error;
      }
    },

    async getOrCreateExperiment(name) {
      const existing = await client.getExperimentByName(name);
      if (existing) return existing;
      try {
        await call("POST", "/api/2.0/mlflow/experiments/create", { name }, CreateExperimentResponse);
      } catch (error) {
        if (!isMlflowError(error, 400, "RESOURCE_ALREADY_EXISTS")) throw error;
      }
      const created = await client.getExperimentByName(name);
      if (!created) throw new EvalgateError("TRACKING_FAILED", `MLflow experiment "${name}" was created but cannot be read back.`);
      return created;
    },

    async setExperimentTag(experimentId, key, value) {
      await call("POST", "/api/2.0/mlflow/experiments/set-experiment-tag", { experiment_id: experimentId, key, value });
    },

    async createRun({ experimentId, runName, startTime, tags = [] }) {
      const body = { experiment_id: experimentId, run_name: runName, start_time: startTime, tags };
      return (await call("POST", "/api/2.0/mlflow/runs/create", body, RunResponse)).run;
    },

    async updateRun(runId, status, endTime) {
      await call("POST", "/api/2.0/mlflow/runs/update", { run_id: runId, status, end_time: endTime });
    },

    async getRun(runId) {
      return (await call("GET", "/api/2.0/mlflow/runs/get", { run_id: runId }, RunResponse)).run;
    },

    async deleteRun(runId) {
      await call("POST", "/api/2.0/mlflow/runs/delete", { run_id: runId });
    },

    async searchRuns({ experimentIds, filter, orderBy, maxResults, pageToken }) {
      const body = {
        experiment_ids: experimentIds,
        ...(filter ? { filter } : {}),
        ...(orderBy ? { order_by: orderBy } : {}),
        max_results: maxResults ?? 100,
        ...(pageToken ? { page_token: pageToken } : {}),
      };
      const response = await call("POST", "/api/2.0/mlflow/runs/search", body, SearchRunsResponse);
      return { runs: response.runs, nextPageToken: response.next_page_token || undefined };
    },

    async logBatch(runId, batch) {
      const plan = planLogBatches(batch);
      for (const part of plan.batches) await call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: runId, ...part });
      return { requests: plan.batches.length, warnings: plan.warnings };
    },

    async logInputs(runId, datasets) {
      const body = {
        run_id: runId,
        datasets: datasets.map((d) => ({
          tags: d.tags ?? [],
          dataset: {
            name: d.name,
            digest: d.digest,
            source_type: d.sourceType,
            source: d.source,
            ...(d.schema ? { schema: d.schema } : {}),
            ...(d.profile ? { profile: d.profile } : {}),
          },
        })),
      };
      await call("POST", "/api/2.0/mlflow/runs/log-inputs", body);
    },

    async uploadArtifact(run, path, content) {
      if (connection.kind === "databricks") {
        const credential = await databricksCredentials("write", run.info.run_id, path);
        const response = await sendRaw(credential.signed_uri, { method: "PUT", headers: signedUrlHeaders(credential), body: content });
        await expectOk(response, `upload of artifact ${path} to its signed URL`);
        await response.body?.cancel().catch(() => {});
        return;
      }
      const response = await sendRaw(proxiedArtifactUrl(connection, run, path), {
        method: "PUT",
        headers: { ...(await connection.authHeaders()), "content-type": "application/octet-stream" },
        body: content,
      });
      await expectOk(response, `upload of artifact ${path}`);
      await response.body?.cancel().catch(() => {});
    },

    async downloadArtifact(run, path) {
      let response: Response;
      if (connection.kind === "databricks") {
        const credential = await databricksCredentials("read", run.info.run_id, path);
        response = await sendRaw(credential.signed_uri, { method: "GET", headers: Object.fromEntries(credential.headers.map((h) => [h.name, h.value])) });
      } else {
        response = await sendRaw(proxiedArtifactUrl(connection, run, path), { method: "GET", headers: await connection.authHeaders() });
      }
      if (response.status === 404) {
        await response.body?.cancel().catch(() => {});
        return undefined;
      }
      await expectOk(response, `download of artifact ${path}`);
      return new Uint8Array(await response.arrayBuffer());
    },

    async startTrace(traceInfo) {
      await call("POST", "/api/3.0/mlflow/traces", { trace: { trace_info: traceInfo } });
    },

    async logSpans(experimentId, spans) {
      if (spans.length === 0) return;
      await transport.request({
        url: api("/v1/traces"),
        method: "POST",
        headers: { ...(await connection.authHeaders()), "x-mlflow-experiment-id": experimentId },
        json: otlpExportRequest(spans),
      });
    },

    async linkTracesToRun(runId, traceIds) {
      for (let i = 0; i < traceIds.length; i += MLFLOW_LIMITS.linkTracesPerCall) {
        const chunk = traceIds.slice(i, i + MLFLOW_LIMITS.linkTracesPerCall);
        try {
          await call("POST", "/api/2.0/mlflow/traces/link-to-run", { run_id: runId, trace_ids: chunk });
        } catch (error) {
          if (error instanceof ProviderAPIError && error.status === 404) return false;
          throw error;
        }
      }
      return true;
    },

    async createAssessment(assessment) {
      await call("POST", `/api/3.0/mlflow/traces/${encodeURIComponent(assessment.trace_id)}/assessments`, { assessment });
    },

    async setTraceTag(traceId, key, value) {
      await call("PATCH", `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}/tags`, { key, value });
    },

    async searchTraceIds(experimentId, mlflowRunId) {
      const ids: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call(
          "POST",
          "/api/3.0/mlflow/traces/search",
          {
            locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
            filter: `trace.run_id = '${mlflowRunId}'`,
            max_results: MLFLOW_LIMITS.searchTracesPageSize,
            ...(pageToken ? { page_token: pageToken } : {}),
          },
          SearchTracesResponse,
        );
        ids.push(...page.traces.map((t) => t.trace_id));
        pageToken = page.next_page_token || undefined;
      } while (pageToken);
      return ids;
    },

    async searchTraces({ experimentIds, filter, orderBy, maxResults, pageToken }) {
      const body = {
        locations: experimentIds.map((id) => ({ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: id } })),
        ...(filter ? { filter } : {}),
        ...(orderBy ? { order_by: orderBy } : {}),
        max_results: Math.min(maxResults ?? MLFLOW_LIMITS.searchTracesPageSize, MLFLOW_LIMITS.searchTracesPageSize),
        ...(pageToken ? { page_token: pageToken } : {}),
      };
      const page = await call("POST", "/api/3.0/mlflow/traces/search", body, SearchTraceInfosResponse);
      return { traces: page.traces, nextPageToken: page.next_page_token || undefined };
    },

    async getTraceSpans(traceId, stored = "tracking-store") {
      if (connection.kind === "databricks") {
        const path = `/api/2.0/mlflow/traces/${encodeURIComponent(traceId)}/credentials-for-data-download`;
        const { credential_info: credential } = await call("GET", path, undefined, TraceDataCredentialsResponse);
        const response = await sendRaw(credential.signed_uri, { method: "GET", headers: Object.fromEntries(credential.headers.map((h) => [h.name, h.value])) });
        await expectOk(response, `download of the span data of trace ${traceId}`);
        return spansFromTraceData(JSON.parse(await response.text()) as unknown);
      }
      if (stored === "tracking-store") {
        const found = await call("GET", "/api/3.0/mlflow/traces/get", { trace_id: traceId }, GetFullTraceResponse);
        return spansFromOtelProto(found.trace.spans);
      }
      // The server reads the trace-data file from wherever its artifact store keeps it (the route MLflow's UI uses).
      return spansFromTraceData(await call("GET", "/ajax-api/2.0/mlflow/get-trace-artifact", { request_id: traceId }));
    },

    async getTraceInfo(traceId) {
      // The trace-info endpoint: /traces/get also loads span data, which a trace whose spans are not uploaded yet lacks.
      return (await call("GET", `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}`, undefined, GetTraceResponse)).trace.trace_info;
    },

    async deleteTracesOfRun(experimentId, runId) {
      const traceIds = await client.searchTraceIds(experimentId, runId);
      for (let i = 0; i < traceIds.length; i += MLFLOW_LIMITS.deleteTracesPerCall) {
        const chunk = traceIds.slice(i, i + MLFLOW_LIMITS.deleteTracesPerCall);
        await call("POST", "/api/3.0/mlflow/traces/delete-traces", { experiment_id: experimentId, request_ids: chunk });
      }
      return traceIds.length;
    },
  };
  return client;
}

/**
 * `mlflow-artifacts:/<experiment>/<run>/artifacts` (a server proxying
 * artifacts) maps to `PUT|GET /api/2.0/mlflow-artifacts/artifacts/<that path>/<file>`.
 */
function proxiedArtifactUrl(connection: MlflowConnection, run: Run, path: string): string {
  const uri = run.info.artifact_uri;
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(uri);
  if (!match) {
    throw new EvalgateError(
      "TRACKING_FAILED",
      `Run ${run.info.run_id} stores artifacts at "${uri}", which evalgate cannot reach over REST. Start the MLflow server with artifact proxying (the default --serve-artifacts, with --artifacts-destination) and a new experiment.`,
    );
  }
  const root = (match[1] ?? "").replace(/\/+$/, "");
  const file = path.split("/").map(encodeURIComponent).join("/");
  return `${connection.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${root}/${file}`;
}

/** Headers Databricks returned with a signed URL; Azure blobs also need the blob type. */
function signedUrlHeaders(credential: CredentialInfo): Record<string, string> {
  const headers = Object.fromEntries(credential.headers.map((h) => [h.name, h.value]));
  if (credential.type?.startsWith("AZURE") && !("x-ms-blob-type" in headers)) headers["x-ms-blob-type"] = "BlockBlob";
  return headers;
}

/** Throws on an error status; leaves a successful body unread for the caller. */
async function expectOk(response: Response, what: string): Promise<void> {
  if (response.ok) return;
  const text = await response.text().catch(() => "");
  throw new EvalgateError("TRACKING_FAILED", `MLflow ${what} failed with HTTP ${response.status}: ${text.slice(0, 300)}`);
}

/** MLflow puts its error code (e.g. RESOURCE_DOES_NOT_EXIST) in the JSON body quoted in the message. */
function isMlflowError(error: unknown, status: number, code: string): boolean {
  return error instanceof ProviderAPIError && error.status === status && errorMessage(error).includes(code);
}
