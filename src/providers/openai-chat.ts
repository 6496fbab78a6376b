import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { ChatMessage } from "../log/index.js";
import { timedSdkCall } from "./internal/sdk-errors.js";
import { costUsd, type PriceTable } from "./pricing.js";
import type { FetchLike, Transport } from "./transport.js";
import type { ChatOptions, ChatProvider, ChatResult } from "./types.js";

// Our transport owns timeouts and retries; the SDK's own must never fire first (and setTimeout overflows past ~24 days).
export const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** How to reach one OpenAI-compatible chat API; resolved lazily so missing credentials surface in prepare(). */
export interface OpenAIConnection {
  baseURL: string;
  /** Static key sent as a bearer token. */
  apiKey: string;
  /** Per-request auth headers that replace the key (Databricks OAuth). */
  authHeaders?: (signal?: AbortSignal) => Promise<Record<string, string>>;
  /** Values to scrub from error messages. */
  secrets: string[];
  organization?: string;
  project?: string;
}

export interface OpenAIChatSpec {
  id: string;
  /** "openai", "databricks", "openai-compatible": prefixes the resolved model id. */
  vendor: string;
  /** Sent as `model`: a model name or a Databricks endpoint name. */
  model: string;
  endpoint: string;
  connect: () => OpenAIConnection;
  transport: Transport;
  transportTimeoutMs: number;
  /** OpenAI's own API wants max_completion_tokens (reasoning models reject max_tokens); compatible servers know max_tokens. */
  maxTokensField: "max_completion_tokens" | "max_tokens";
  prices?: PriceTable;
}

/** Chat completions over the official openai client: OpenAI, Databricks serving endpoints, compatible gateways. */
export function createOpenAIChatProvider(spec: OpenAIChatSpec): ChatProvider {
  let connection: { client: OpenAI; secrets: string[] } | undefined;
  const connect = () => {
    if (connection) return connection;
    const conn = spec.connect();
    const fetch: FetchLike = conn.authHeaders ? withAuthHeaders(spec.transport.fetch, conn.authHeaders) : spec.transport.fetch;
    const client = new OpenAI({
      apiKey: conn.apiKey,
      baseURL: conn.baseURL,
      organization: conn.organization ?? null,
      project: conn.project ?? null,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
      fetch,
    });
    connection = { client, secrets: conn.secrets };
    return connection;
  };

  return {
    id: spec.id,
    endpoint: spec.endpoint,
    async prepare() {
      connect();
    },
    async chat(messages, options = {}): Promise<ChatResult> {
      const { client, secrets } = connect();
      const site = { endpoint: spec.endpoint, transportTimeoutMs: spec.transportTimeoutMs, secrets };
      const { value: completion, latencyMs } = await timedSdkCall(site, options, (requestOptions) =>
        client.chat.completions.create(requestBody(spec, messages, options), requestOptions),
      );
      const message = completion.choices[0]?.message;
      const usage = { input_tokens: completion.usage?.prompt_tokens ?? 0, output_tokens: completion.usage?.completion_tokens ?? 0 };
      const model = `${spec.vendor}:${completion.model || spec.model}`;
      const cost = costUsd(model, usage, spec.prices) ?? costUsd(spec.id, usage, spec.prices);
      return {
        text: message?.content ?? message?.refusal ?? "",
        usage,
        latencyMs,
        model,
        ...(completion.id ? { responseId: completion.id } : {}),
        ...(cost === undefined ? {} : { costUsd: cost }),
      };
    },
  };
}

function requestBody(spec: OpenAIChatSpec, messages: readonly ChatMessage[], options: ChatOptions): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = { model: spec.model, messages: messages.map(toOpenAIMessage) };
  if (options.temperature !== undefined) body.temperature = options.temperature;
  if (options.maxTokens !== undefined) body[spec.maxTokensField] = options.maxTokens;
  if (options.jsonSchema) {
    body.response_format = {
      type: "json_schema",
      json_schema: { name: options.jsonSchema.name, schema: options.jsonSchema.schema, strict: true },
    };
  }
  return body;
}

// Tool results without a preceding tool call are rejected by the API, so they travel as labelled user turns.
function toOpenAIMessage(message: ChatMessage): ChatCompletionMessageParam {
  const name = message.name ? { name: message.name } : {};
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content, ...name };
    case "assistant":
      return { role: "assistant", content: message.content, ...name };
    case "user":
      return { role: "user", content: message.content, ...name };
    case "tool":
      return { role: "user", content: `[tool result${message.name ? ` from ${message.name}` : ""}]\n${message.content}` };
  }
}

function withAuthHeaders(fetch: FetchLike, authHeaders: (signal?: AbortSignal) => Promise<Record<string, string>>): FetchLike {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(await authHeaders(init.signal ?? undefined))) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
}
