import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming, MessageParam } from "@anthropic-ai/sdk/resources/messages";
import type { ChatMessage } from "../log/index.js";
import { MalformedResponseError } from "./errors.js";
import { timedSdkCall } from "./internal/sdk-errors.js";
import { SDK_TIMEOUT_MS } from "./openai-chat.js";
import { costUsd, type PriceTable } from "./pricing.js";
import type { Transport } from "./transport.js";
import type { ChatOptions, ChatProvider, ChatResult } from "./types.js";

/** The Messages API requires max_tokens; enough for a verdict with its critique. */
const DEFAULT_MAX_TOKENS = 4096;

export interface AnthropicSpec {
  id: string;
  model: string;
  endpoint: string;
  connect: () => { apiKey: string; baseURL: string };
  transport: Transport;
  transportTimeoutMs: number;
  prices?: PriceTable;
}

/**
 * Anthropic Messages over the official client; structured output through one
 * forced tool. `temperature` is not sent: the current Messages API deprecated
 * it and the SDK no longer accepts it.
 */
export function createAnthropicProvider(spec: AnthropicSpec): ChatProvider {
  let connection: { client: Anthropic; secrets: string[] } | undefined;
  const connect = () => {
    if (connection) return connection;
    const { apiKey, baseURL } = spec.connect();
    const client = new Anthropic({ apiKey, authToken: null, baseURL, maxRetries: 0, timeout: SDK_TIMEOUT_MS, fetch: spec.transport.fetch });
    connection = { client, secrets: [apiKey] };
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
      const { value: reply, latencyMs } = await timedSdkCall(site, options, (requestOptions) =>
        client.messages.create(requestBody(spec.model, messages, options), requestOptions),
      );
      const usage = { input_tokens: reply.usage.input_tokens, output_tokens: reply.usage.output_tokens };
      const model = `anthropic:${reply.model || spec.model}`;
      const cost = costUsd(model, usage, spec.prices) ?? costUsd(spec.id, usage, spec.prices);
      return {
        text: replyText(reply, options, spec.endpoint),
        usage,
        latencyMs,
        model,
        responseId: reply.id,
        ...(cost === undefined ? {} : { costUsd: cost }),
      };
    },
  };
}

function requestBody(model: string, messages: readonly ChatMessage[], options: ChatOptions): MessageCreateParamsNonStreaming {
  // The Messages API takes system prompts as a top-level field, not as turns.
  const system = messages.filter((m) => m.role === "system").map((m) => m.content);
  const body: MessageCreateParamsNonStreaming = {
    model,
    max_tokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: messages.filter((m) => m.role !== "system").map(toAnthropicMessage),
  };
  if (system.length > 0) body.system = system.join("\n\n");
  if (options.jsonSchema) {
    const { name, schema } = options.jsonSchema;
    body.tools = [{ name, description: `Record the answer as ${name}.`, input_schema: schema as Anthropic.Tool.InputSchema }];
    body.tool_choice = { type: "tool", name };
  }
  return body;
}

function toAnthropicMessage(message: ChatMessage): MessageParam {
  if (message.role === "assistant") return { role: "assistant", content: message.content };
  if (message.role === "tool") return { role: "user", content: `[tool result${message.name ? ` from ${message.name}` : ""}]\n${message.content}` };
  return { role: "user", content: message.content };
}

/** Text blocks joined, or the forced tool's input as JSON text when structured output was asked for. */
function replyText(reply: Anthropic.Message, options: ChatOptions, endpoint: string): string {
  if (options.jsonSchema) {
    const name = options.jsonSchema.name;
    const call = reply.content.find((block) => block.type === "tool_use" && block.name === name);
    if (call?.type !== "tool_use") {
      throw new MalformedResponseError(
        { status: 200, requestId: reply.id, endpoint },
        `Expected the model to call the forced tool "${name}" for structured output, but it answered without it (stop_reason ${reply.stop_reason}).`,
      );
    }
    return JSON.stringify(call.input);
  }
  return reply.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}
