import type { IncomingMessage, ServerResponse } from "node:http";
import { ProviderTimeoutError, type RelayClient, type RelayResponse } from "../../../providers/index.js";
import { redactTokenShapes } from "../../../secrets/index.js";
import type { GuardDecision, Guardrails } from "../../types.js";
import { contextTexts, lastUserText, readMessages, replaceTexts, userTextSlots } from "./chat-messages.js";
import { fallbackChunks, fallbackCompletion, FILTERED } from "./fallback.js";
import { guardStream } from "./guarded-stream.js";
import { headerValue, openAIError, readBody, relayedHeaders, RequestBodyError, sendJson } from "./http-io.js";
import { logDecision, redactingGuards } from "./log-decisions.js";
import { sseEvent } from "./sse.js";
import type { ProxyLogEntry } from "../log-entry.js";

/** The response header naming the guard that blocked a request or its answer. */
export const GUARDRAIL_HEADER = "x-evalgate-guardrail";

export interface ChatHandlerContext {
  guardrails: Guardrails;
  /** Posts to `<upstream>/chat/completions`. */
  upstream: RelayClient;
  apiKey: string | undefined;
  checkEvery: number;
  holdBackChars: number;
  maxBodyBytes: number;
  log: (entry: ProxyLogEntry) => void;
  nextRequestId: () => string;
}

type Json = Record<string, unknown>;

/** Everything the log line of one request gathers on the way. */
interface Trace {
  entry: Omit<ProxyLogEntry, "duration_ms" | "decisions" | "redacted" | "outcome" | "status">;
  started: number;
  decisions: GuardDecision[];
}

function finish(ctx: ChatHandlerContext, trace: Trace, outcome: ProxyLogEntry["outcome"], status: number, extra: Partial<ProxyLogEntry> = {}): void {
  ctx.log({
    ...trace.entry,
    outcome,
    status,
    redacted: redactingGuards(trace.decisions),
    duration_ms: Math.round((performance.now() - trace.started) * 1000) / 1000,
    decisions: trace.decisions.map(logDecision),
    ...extra,
  });
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * POST /v1/chat/completions: input guards on every user message (a block
 * answers with the fallback and the upstream is not called; redactions are
 * forwarded), then the upstream, then output guards on the answer (whole, or
 * as it streams).
 */
export async function handleChat(ctx: ChatHandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const trace: Trace = { entry: { time: new Date().toISOString(), request: ctx.nextRequestId(), stream: false }, started: performance.now(), decisions: [] };
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new Error("the client closed the connection"));
  });
  const reject = (status: number, message: string) => {
    sendJson(res, status, openAIError(message, "invalid_request_error"));
    finish(ctx, trace, "rejected", status);
  };

  let raw: string;
  let body: unknown;
  try {
    raw = await readBody(req, ctx.maxBodyBytes);
    body = JSON.parse(raw);
  } catch (error) {
    if (error instanceof RequestBodyError) return reject(error.status, error.message);
    return reject(400, "The request body is not valid JSON.");
  }
  if (!isObject(body)) return reject(400, "The request body must be a JSON object.");
  const read = readMessages(body);
  if ("problem" in read) return reject(400, read.problem);
  const stream = body.stream === true;
  trace.entry.stream = stream;
  const { guardrails } = ctx;
  const signal = controller.signal;

  const slots = userTextSlots(read.messages);
  const inputs = await Promise.all(slots.map((slot) => guardrails.runStage("input", slot.text, { signal })));
  trace.decisions.push(...inputs.flatMap((result) => result.decisions));
  const inputBlock = inputs.find((result) => result.blockedBy !== undefined)?.blockedBy;
  if (inputBlock !== undefined) {
    sendFallback(res, body, stream, guardrails.fallback, inputBlock);
    return finish(ctx, trace, "blocked", 200, { blocked_by: inputBlock });
  }
  const messages = replaceTexts(read.messages, slots, inputs.map((result) => result.text));
  // Unchanged requests go upstream byte for byte.
  const upstreamBody = messages.every((m, i) => m === read.messages[i]) ? raw : JSON.stringify({ ...body, messages });
  const stageOptions = { input: lastUserText(messages), context: contextTexts(messages), signal };

  let response: RelayResponse;
  const upstreamStarted = performance.now();
  try {
    response = await ctx.upstream.post(
      upstreamBody,
      {
        "content-type": "application/json",
        accept: stream ? "text/event-stream" : "application/json",
        ...(ctx.apiKey ? { authorization: `Bearer ${ctx.apiKey}` } : {}),
      },
      signal,
    );
  } catch (error) {
    if (signal.aborted) return finish(ctx, trace, "upstream-error", 499);
    const status = error instanceof ProviderTimeoutError ? 504 : 502;
    sendJson(res, status, openAIError(redactTokenShapes(error instanceof Error ? error.message : String(error)), "upstream_error"));
    return finish(ctx, trace, "upstream-error", status);
  }

  if (response.status < 200 || response.status > 299) {
    // The upstream's own error (401, 429 with Retry-After, 5xx) is what the client's SDK knows how to handle.
    const text = await response.body.text().catch(() => "");
    res.writeHead(response.status, { "content-type": headerValue(response.headers, "content-type") ?? "application/json", ...relayedHeaders(response.headers) });
    res.end(text);
    return finish(ctx, trace, "upstream-error", response.status, { upstream_status: response.status });
  }

  if (stream && (headerValue(response.headers, "content-type") ?? "").includes("text/event-stream")) {
    return relayStream(ctx, trace, res, response, body, stageOptions, controller);
  }

  let answerText: string;
  let answer: unknown;
  try {
    answerText = await response.body.text();
    answer = JSON.parse(answerText);
  } catch {
    sendJson(res, 502, openAIError("The upstream answered with a body that is not JSON.", "upstream_error"));
    return finish(ctx, trace, "upstream-error", 502, { upstream_status: response.status });
  }
  const upstreamMs = Math.round((performance.now() - upstreamStarted) * 1000) / 1000;
  const choices = isObject(answer) && Array.isArray(answer.choices) ? (answer.choices as unknown[]).filter(isObject) : [];
  const answered = choices.filter((choice) => isObject(choice.message) && typeof choice.message.content === "string");
  const outputs = await Promise.all(answered.map((choice) => guardrails.runStage("output", (choice.message as Json).content as string, stageOptions)));
  trace.decisions.push(...outputs.flatMap((result) => result.decisions));
  const outputBlock = outputs.find((result) => result.blockedBy !== undefined)?.blockedBy;
  const changed = outputBlock !== undefined || outputs.some((result, i) => result.text !== (answered[i]!.message as Json).content);
  answered.forEach((choice, i) => {
    const message = choice.message as Json;
    if (outputBlock === undefined) message.content = outputs[i]!.text;
    else {
      // The whole answer is withheld, every choice of it; usage stays, since the tokens were spent.
      message.content = guardrails.fallback;
      choice.finish_reason = FILTERED;
    }
  });
  // An answer the guards left alone goes to the client byte for byte.
  sendJson(res, 200, changed ? answer : answerText, { ...relayedHeaders(response.headers), ...(outputBlock === undefined ? {} : { [GUARDRAIL_HEADER]: outputBlock }) });
  finish(ctx, trace, outputBlock === undefined ? "forwarded" : "blocked", 200, { upstream_status: response.status, upstream_ms: upstreamMs, ...(outputBlock === undefined ? {} : { blocked_by: outputBlock }) });
}

function sendFallback(res: ServerResponse, body: Json, stream: boolean, fallback: string, guardId: string): void {
  if (!stream) {
    sendJson(res, 200, fallbackCompletion(body.model, fallback), { [GUARDRAIL_HEADER]: guardId });
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", [GUARDRAIL_HEADER]: guardId });
  for (const chunk of fallbackChunks(body.model, fallback, includeUsage(body))) res.write(sseEvent(chunk));
  res.end(sseEvent("[DONE]"));
}

function includeUsage(body: Json): boolean {
  return isObject(body.stream_options) && body.stream_options.include_usage === true;
}

async function relayStream(
  ctx: ChatHandlerContext,
  trace: Trace,
  res: ServerResponse,
  response: RelayResponse,
  body: Json,
  stage: { input?: string; context?: readonly string[]; signal: AbortSignal },
  controller: AbortController,
): Promise<void> {
  const inputDecisions = [...trace.decisions];
  try {
    const outcome = await guardStream(response.body, {
      guardrails: ctx.guardrails,
      checkEvery: ctx.checkEvery,
      holdBackChars: ctx.holdBackChars,
      stage,
      start(blockedBy) {
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-cache",
          ...relayedHeaders(response.headers),
          ...(blockedBy === undefined ? {} : { [GUARDRAIL_HEADER]: blockedBy }),
        });
      },
      write: (event) => res.write(event),
      fallbackEvents: () => [...fallbackChunks(body.model, ctx.guardrails.fallback, includeUsage(body)).map(sseEvent), sseEvent("[DONE]")],
    });
    trace.decisions = [...inputDecisions, ...outcome.decisions];
    res.end();
    // A cut stream stops reading the upstream, which frees its connection.
    if (outcome.cutBy !== undefined) controller.abort(new Error("stream cut by a guardrail"));
    const extra = { upstream_status: response.status, checks: outcome.checks };
    if (outcome.cutBy === undefined) finish(ctx, trace, "forwarded", 200, extra);
    else finish(ctx, trace, "cut", 200, { ...extra, blocked_by: outcome.cutBy });
  } catch (error) {
    // The upstream dropped mid-stream or the client left: end what was started.
    if (!res.headersSent && !controller.signal.aborted) {
      sendJson(res, 502, openAIError(`The upstream stream failed: ${redactTokenShapes(error instanceof Error ? error.message : String(error))}`, "upstream_error"));
    } else res.end();
    finish(ctx, trace, "upstream-error", res.statusCode, { upstream_status: response.status });
  }
}
