import { approximateTokens, credentialOf, type HandlerResult, type RouteContext, type Standin } from "./server.js";

/**
 * OpenAI chat completions (also what Databricks foundation-model endpoints and
 * OpenAI-compatible gateways speak), mounted at /v1 and /serving-endpoints.
 */

interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "permission_denied",
  404: "not_found_error",
  429: "rate_limit_exceeded",
};

export function openAIErrorBody(status: number, message: string): unknown {
  return { error: { message, type: ERROR_TYPES[status] ?? "server_error", param: null, code: null } };
}

export function registerOpenAI(standin: Standin): void {
  const options = { errorBody: openAIErrorBody, requestIdHeader: "x-request-id" };
  standin.route("POST", "/v1/chat/completions", chatCompletions, options);
  standin.route("POST", "/serving-endpoints/chat/completions", chatCompletions, options);
}

function chatCompletions(ctx: RouteContext): HandlerResult {
  if (!ctx.standin.isAuthorized(credentialOf(ctx.request))) {
    return { status: 401, json: openAIErrorBody(401, "Incorrect API key provided.") };
  }
  const body = (ctx.request.body ?? {}) as ChatRequestBody;
  const messages = body.messages ?? [];
  if (!Array.isArray(messages) || messages.length === 0) {
    return { status: 400, json: openAIErrorBody(400, "'messages' must be a non-empty array.") };
  }
  const prompt = lastUserText(messages);
  const reply = ctx.takeReply(prompt);
  const structured = body.response_format?.type === "json_schema";
  const text = reply?.chunks?.join("") ?? reply?.text ?? (reply?.json !== undefined ? JSON.stringify(reply.json) : structured ? "{}" : `Echo: ${prompt}`);
  const model = body.model ?? "stand-in";
  const id = `chatcmpl-${ctx.standin.requests.length}`;
  const usage = {
    prompt_tokens: reply?.usage?.input_tokens ?? approximateTokens(messages.map((m) => contentText(m.content)).join("\n")),
    completion_tokens: reply?.usage?.output_tokens ?? approximateTokens(text),
  };
  const totals = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  const created = Math.floor(Date.now() / 1000);
  const fault = reply?.fault ? { fault: reply.fault } : {};

  if (body.stream) {
    const chunk = (delta: unknown, finish: string | null) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const pieces = reply?.chunks ?? splitInThree(text);
    const events: unknown[] = [chunk({ role: "assistant", content: "" }, null), ...pieces.map((p) => chunk({ content: p }, null)), chunk({}, "stop")];
    // Like the real API: usage arrives in a last chunk with no choices, only when asked for.
    if (body.stream_options?.include_usage) events.push({ id, object: "chat.completion.chunk", created, model, choices: [], usage: totals });
    events.push("[DONE]");
    return { sse: events, ...fault };
  }
  return {
    json: {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: totals,
    },
    ...fault,
  };
}

function lastUserText(messages: { role: string; content: unknown }[]): string {
  const user = [...messages].reverse().find((m) => m.role === "user");
  return user ? contentText(user.content) : "";
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "object" && part !== null && "text" in part ? String(part.text) : "")).join("");
  }
  return "";
}

function splitInThree(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}
