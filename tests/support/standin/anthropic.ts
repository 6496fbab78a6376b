import { approximateTokens, credentialOf, type HandlerResult, type RouteContext, type Standin } from "./server.js";

/** Anthropic Messages API, including a forced tool for structured output. */

interface MessagesRequestBody {
  model?: string;
  max_tokens?: number;
  system?: unknown;
  messages?: { role: string; content: unknown }[];
  tools?: { name: string; input_schema: unknown }[];
  tool_choice?: { type: string; name?: string };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export function anthropicErrorBody(status: number, message: string): unknown {
  return { type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } };
}

export function registerAnthropic(standin: Standin): void {
  standin.route("POST", "/v1/messages", messages, { errorBody: anthropicErrorBody, requestIdHeader: "request-id" });
}

function messages(ctx: RouteContext): HandlerResult {
  if (!ctx.standin.isAuthorized(credentialOf(ctx.request))) {
    return { status: 401, json: anthropicErrorBody(401, "invalid x-api-key") };
  }
  if (!ctx.request.headers["anthropic-version"]) {
    return { status: 400, json: anthropicErrorBody(400, "anthropic-version: header is required") };
  }
  const body = (ctx.request.body ?? {}) as MessagesRequestBody;
  const turns = body.messages ?? [];
  if (!Array.isArray(turns) || turns.length === 0 || typeof body.max_tokens !== "number") {
    return { status: 400, json: anthropicErrorBody(400, "messages and max_tokens are required") };
  }
  if (turns.some((m) => m.role === "system")) {
    return { status: 400, json: anthropicErrorBody(400, 'messages: Unexpected role "system". Use the top-level system parameter.') };
  }
  const prompt = contentText([...turns].reverse().find((m) => m.role === "user")?.content);
  const reply = ctx.takeReply(prompt);
  const forcedTool = body.tool_choice?.type === "tool" ? body.tool_choice.name : undefined;
  const content = forcedTool
    ? [{ type: "tool_use", id: `toolu_${ctx.standin.requests.length}`, name: forcedTool, input: reply?.json ?? (reply?.text ? JSON.parse(reply.text) : {}) }]
    : [{ type: "text", text: reply?.text ?? (reply?.json !== undefined ? JSON.stringify(reply.json) : `Echo: ${prompt}`) }];
  const outputText = JSON.stringify(content);
  return {
    json: {
      id: `msg_${ctx.standin.requests.length}`,
      type: "message",
      role: "assistant",
      model: body.model ?? "stand-in",
      content,
      stop_reason: forcedTool ? "tool_use" : "end_turn",
      stop_sequence: null,
      usage: {
        input_tokens: reply?.usage?.input_tokens ?? approximateTokens(contentText(body.system) + turns.map((m) => contentText(m.content)).join("\n")),
        output_tokens: reply?.usage?.output_tokens ?? approximateTokens(outputText),
      },
    },
    ...(reply?.fault ? { fault: reply.fault } : {}),
  };
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((block) => (typeof block === "object" && block !== null && "text" in block ? String(block.text) : "")).join("");
  }
  return "";
}
