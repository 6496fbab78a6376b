import { approximateTokens, credentialOf, type Fault, type HandlerResult, type RouteContext, type Standin } from "./server.js";

/**
 * Databricks Model Serving invocations, `POST /serving-endpoints/{name}/invocations`,
 * for every payload format evalgate speaks, plus the bare `POST /invocations`
 * that `mlflow models serve` exposes. Each endpoint answers from a per-test
 * script; `return_trace` yields an MLflow trace with RETRIEVER and TOOL spans
 * built from the reply's documents and tool calls, as agent endpoints do.
 * Unity Catalog model versions (`GET /api/2.1/unity-catalog/models/{full_name}/versions/{version}`)
 * answer from per-test data, 404 for any other.
 */

export type ServingFormat = "chat" | "responses-agent" | "chat-agent" | "dataframe-records" | "dataframe-split" | "inputs";

/** The endpoint name under which the bare `/invocations` route (mlflow models serve) is scripted. */
export const LOCAL_MODEL = "(local)";

export interface ServingReply {
  /** Assistant answer (chat and agent formats). */
  text?: string;
  /** Tool calls the agent made, with their results. */
  toolCalls?: { name: string; arguments: Record<string, unknown>; output?: unknown }[];
  /** Retrieved documents, reported in the RETRIEVER span of a returned trace. */
  documents?: { page_content: string; metadata: Record<string, unknown> }[];
  /** pyfunc formats: the `predictions` value. */
  predictions?: unknown;
  /** `served-model-name` header; default: the first served entity with traffic. */
  servedModel?: string;
  /** Answer with this body as is (e.g. a malformed one). */
  rawBody?: unknown;
  /** Answer without the trace even when the request asks for it, as an endpoint whose model logs no traces does. */
  ignoreReturnTrace?: boolean;
  fault?: Fault;
  /** How many requests it answers; default 1. The last reply keeps answering once others run out. */
  times?: number;
}

/** A Unity Catalog model version, or the error status its lookup answers with. */
export interface ModelVersionReply {
  run_id?: string;
  source?: string;
  /** MLflow 3 logged-model id. */
  model_id?: string;
  /** Answer with this error instead, e.g. 403 for a caller without READ on the model. */
  errorStatus?: 403 | 404;
}

export interface ServingScript {
  /** Declares that `endpoint` serves `format` and queues its replies, in order. */
  script(endpoint: string, format: ServingFormat, ...replies: ServingReply[]): void;
  /** Declares what `GET .../unity-catalog/models/{fullName}/versions/{version}` answers. */
  modelVersion(fullName: string, version: string, reply: ModelVersionReply): void;
  /** Forgets every script and model version and restarts trace ids (the stand-in's own reset() keeps routes and their state). */
  reset(): void;
}

const ERROR_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "RESOURCE_DOES_NOT_EXIST",
  429: "REQUEST_LIMIT_EXCEEDED",
  503: "TEMPORARILY_UNAVAILABLE",
};

/** Databricks REST error shape. */
export function databricksErrorBody(status: number, message: string): unknown {
  return { error_code: ERROR_CODES[status] ?? "INTERNAL_ERROR", message };
}

const REQUEST_KEYS: Record<ServingFormat, string> = {
  chat: "messages",
  "chat-agent": "messages",
  "responses-agent": "input",
  "dataframe-records": "dataframe_records",
  "dataframe-split": "dataframe_split",
  inputs: "inputs",
};

interface Scripted {
  format: ServingFormat;
  replies: { reply: ServingReply; remaining: number }[];
}

export function registerDatabricksServing(standin: Standin): ServingScript {
  const endpoints = new Map<string, Scripted>();
  const modelVersions = new Map<string, ModelVersionReply>();
  let traceCounter = 0;

  const takeReply = (scripted: Scripted): ServingReply | undefined => {
    const entry = scripted.replies.find((e) => e.remaining > 0) ?? scripted.replies.at(-1);
    if (entry) entry.remaining -= 1;
    return entry?.reply;
  };

  const handle = (name: string, ctx: RouteContext): HandlerResult => {
    if (!ctx.standin.isAuthorized(credentialOf(ctx.request))) {
      return { status: 401, json: databricksErrorBody(401, "Credential was not sent or was of an unsupported type for this API.") };
    }
    const scripted = endpoints.get(name);
    if (!scripted) return { status: 404, json: databricksErrorBody(404, `Endpoint with name '${name}' does not exist.`) };
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const key = REQUEST_KEYS[scripted.format];
    if (typeof body !== "object" || !(key in body)) {
      return { status: 400, json: databricksErrorBody(400, `Model is missing inputs ['${key}'] for a ${scripted.format} request.`) };
    }
    const reply = takeReply(scripted);
    if (!reply) return { status: 500, json: databricksErrorBody(500, `stand-in has no scripted reply left for endpoint '${name}'`) };
    const headers = { "served-model-name": reply.servedModel ?? defaultServedModel(ctx.standin, name) };
    if (reply.fault) return { headers, fault: reply.fault };
    if (reply.rawBody !== undefined) return { headers, json: reply.rawBody };
    const returnTrace = (body.databricks_options as { return_trace?: boolean } | undefined)?.return_trace === true && reply.ignoreReturnTrace !== true;
    const trace = returnTrace ? { databricks_output: { trace: mlflowTrace(`tr-${++traceCounter}`, reply) } } : {};
    return { headers, json: { ...answer(scripted.format, name, reply, lastUserText(body)), ...trace } };
  };

  const options = { errorBody: databricksErrorBody, requestIdHeader: "x-request-id" };
  standin.route("POST", "/serving-endpoints/:name/invocations", (ctx) => handle(ctx.params.name ?? "", ctx), options);
  standin.route("POST", "/invocations", (ctx) => handle(LOCAL_MODEL, ctx), options);
  standin.route(
    "GET",
    "/api/2.1/unity-catalog/models/:fullName/versions/:version",
    (ctx): HandlerResult => {
      if (!ctx.standin.isAuthorized(credentialOf(ctx.request))) {
        return { status: 401, json: databricksErrorBody(401, "Credential was not sent or was of an unsupported type for this API.") };
      }
      const { fullName = "", version = "" } = ctx.params;
      const reply = modelVersions.get(`${fullName}/${version}`);
      if (!reply || reply.errorStatus === 404) return { status: 404, json: databricksErrorBody(404, `Model Version '${fullName}/${version}' does not exist.`) };
      if (reply.errorStatus === 403) return { status: 403, json: databricksErrorBody(403, `User does not have EXECUTE on Routine or Model '${fullName}'.`) };
      return { json: modelVersionInfo(fullName, version, reply) };
    },
    options,
  );

  return {
    script(endpoint, format, ...replies) {
      const scripted = endpoints.get(endpoint) ?? { format, replies: [] };
      scripted.format = format;
      scripted.replies.push(...replies.map((reply) => ({ reply, remaining: reply.times ?? 1 })));
      endpoints.set(endpoint, scripted);
    },
    modelVersion(fullName, version, reply) {
      modelVersions.set(`${fullName}/${version}`, reply);
    },
    reset() {
      endpoints.clear();
      modelVersions.clear();
      traceCounter = 0;
    },
  };
}

/** A ModelVersionInfo in the Unity Catalog REST API's shape. */
function modelVersionInfo(fullName: string, version: string, reply: ModelVersionReply): Record<string, unknown> {
  const [catalog, schema, model] = fullName.split(".");
  return {
    model_name: model,
    catalog_name: catalog,
    schema_name: schema,
    version: Number(version),
    status: "READY",
    storage_location: `s3://uc-bucket/models/${fullName}/versions/${version}`,
    created_at: 0,
    ...(reply.run_id ? { run_id: reply.run_id } : {}),
    ...(reply.source ? { source: reply.source } : {}),
    ...(reply.model_id ? { model_id: reply.model_id } : {}),
  };
}

function defaultServedModel(standin: Standin, name: string): string {
  const routes = standin.servingEndpoint(name)?.routes;
  return routes?.find((route) => route.traffic_percentage > 0)?.served_model_name ?? `${name}-1`;
}

function answer(format: ServingFormat, endpoint: string, reply: ServingReply, prompt: string): Record<string, unknown> {
  const text = reply.text ?? "";
  const calls = (reply.toolCalls ?? []).map((call, i) => ({ ...call, id: `call_${i + 1}` }));
  switch (format) {
    case "chat":
      return {
        id: "chatcmpl-standin",
        object: "chat.completion",
        model: endpoint,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: text,
              ...(calls.length > 0
                ? { tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) }
                : {}),
            },
            finish_reason: "stop",
          },
        ],
        usage: { prompt_tokens: approximateTokens(prompt), completion_tokens: approximateTokens(text), total_tokens: approximateTokens(prompt) + approximateTokens(text) },
      };
    case "responses-agent":
      return {
        object: "response",
        output: [
          ...calls.flatMap((c) => [
            { type: "function_call", id: `fc_${c.id}`, call_id: c.id, name: c.name, arguments: JSON.stringify(c.arguments) },
            { type: "function_call_output", call_id: c.id, output: JSON.stringify(c.output ?? null) },
          ]),
          { type: "message", id: "msg_1", role: "assistant", content: [{ type: "output_text", text }] },
        ],
      };
    case "chat-agent":
      return {
        messages: [
          ...(calls.length > 0
            ? [
                {
                  role: "assistant",
                  content: "",
                  id: "m1",
                  tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } })),
                },
                ...calls.map((c, i) => ({ role: "tool", content: JSON.stringify(c.output ?? null), tool_call_id: c.id, id: `t${i + 1}` })),
              ]
            : []),
          { role: "assistant", content: text, id: "final" },
        ],
      };
    case "dataframe-records":
    case "dataframe-split":
    case "inputs":
      return { predictions: reply.predictions ?? [] };
  }
}

/** An MLflow trace as `Trace.to_dict()` writes it: span types, inputs and outputs JSON-encoded in attributes. */
function mlflowTrace(traceId: string, reply: ServingReply): unknown {
  const root = { span_id: "0x0001", name: "agent", type: "AGENT", inputs: {}, outputs: { text: reply.text ?? "" } };
  const spans = [
    root,
    ...(reply.documents ? [{ span_id: "0x0002", name: "VectorSearchRetriever", type: "RETRIEVER", inputs: { query: "…" }, outputs: reply.documents }] : []),
    ...(reply.toolCalls ?? []).map((call, i) => ({
      span_id: `0x01${String(i).padStart(2, "0")}`,
      name: call.name,
      type: "TOOL",
      inputs: call.arguments,
      outputs: call.output ?? null,
    })),
    { span_id: "0x0003", name: "ChatDatabricks", type: "CHAT_MODEL", inputs: {}, outputs: {} },
  ];
  return {
    info: { request_id: traceId, trace_id: traceId, experiment_id: "0", status: "OK", timestamp_ms: 0, execution_time_ms: 12 },
    data: {
      spans: spans.map((span) => ({
        name: span.name,
        context: { span_id: span.span_id, trace_id: traceId },
        parent_id: span === root ? null : root.span_id,
        start_time: 0,
        end_time: 1,
        status_code: "OK",
        status_message: "",
        attributes: {
          "mlflow.traceRequestId": JSON.stringify(traceId),
          "mlflow.spanType": JSON.stringify(span.type),
          "mlflow.spanInputs": JSON.stringify(span.inputs),
          "mlflow.spanOutputs": JSON.stringify(span.outputs),
        },
        events: [],
      })),
    },
  };
}

function lastUserText(body: Record<string, unknown>): string {
  const list = (body.messages ?? body.input) as { role?: string; content?: unknown }[] | undefined;
  const last = Array.isArray(list) ? list.filter((m) => m.role === "user").at(-1) : undefined;
  return typeof last?.content === "string" ? last.content : JSON.stringify(body);
}
