import type { ServingFormat } from "../../config/targets-schema.js";
import { TargetError } from "../../errors.js";
import type { ToolCall, Trace } from "../../log/index.js";
import { isRecord, toToolCalls, toUsage } from "../internal/trace-fields.js";
import { evidenceFromMlflowTrace } from "./mlflow-trace.js";

export interface MappedResponse {
  output: unknown;
  trace: Trace;
}

/**
 * Maps an `/invocations` response body to the trial's output and trace.
 * `rows` is how many rows the request held: a one-row pyfunc request is
 * answered by the first prediction, not a one-element list.
 */
export function mapServingResponse(format: ServingFormat, body: unknown, rows: number): MappedResponse {
  const mapped = mapByFormat(format, body, rows);
  const record = isRecord(body) ? body : {};
  const usage = toUsage(record.usage);
  const evidence = isRecord(record.databricks_output) ? evidenceFromMlflowTrace(record.databricks_output.trace) : {};
  const trace: Trace = {
    ...evidence,
    // Tool calls the endpoint reports in its answer are authoritative (they carry call ids); TOOL spans are the fallback.
    // A chat or agent answer without tool calls records an empty list: the model called none, which checks score.
    ...(mapped.toolCalls ? { tool_calls: mapped.toolCalls.length > 0 ? mapped.toolCalls : (evidence.tool_calls ?? []) } : {}),
    ...(usage ? { usage } : {}),
    ...(typeof record.model === "string" ? { model: record.model } : {}),
  };
  return { output: mapped.output, trace };
}

interface FormatMapping {
  output: unknown;
  toolCalls?: ToolCall[];
}

function mapByFormat(format: ServingFormat, body: unknown, rows: number): FormatMapping {
  switch (format) {
    case "chat":
      return fromChatCompletion(body);
    case "responses-agent":
      return fromResponsesAgent(body);
    case "chat-agent":
      return fromChatAgent(body);
    case "dataframe-records":
    case "dataframe-split":
    case "inputs":
      return { output: fromPredictions(body, rows, format) };
  }
}

function fromChatCompletion(body: unknown): FormatMapping {
  const message = isRecord(body) && Array.isArray(body.choices) && isRecord(body.choices[0]) ? body.choices[0].message : undefined;
  if (!isRecord(message)) throw unexpected("chat", "choices[0].message", body);
  return { output: message.content ?? "", toolCalls: toToolCalls(message.tool_calls) ?? [] };
}

/** Output text: the text parts of every `message` item, one item per line; `function_call` items are tool calls. */
function fromResponsesAgent(body: unknown): FormatMapping {
  if (!isRecord(body) || !Array.isArray(body.output)) throw unexpected("responses-agent", "output[]", body);
  const items = body.output.filter(isRecord);
  const texts = items
    .filter((item) => item.type === "message" && Array.isArray(item.content))
    .map((item) => (item.content as unknown[]).filter(isRecord).map((part) => (typeof part.text === "string" ? part.text : "")).join(""));
  const outputsByCall = new Map(
    items.filter((item) => item.type === "function_call_output").map((item) => [item.call_id, item.output] as const),
  );
  const toolCalls = (toToolCalls(items.filter((item) => item.type === "function_call")) ?? []).map((call) =>
    call.id !== undefined && outputsByCall.has(call.id) ? { ...call, output: outputsByCall.get(call.id) } : call,
  );
  return { output: texts.join("\n"), toolCalls };
}

/** Output: the last assistant message with content; tool calls from every assistant message. */
function fromChatAgent(body: unknown): FormatMapping {
  if (!isRecord(body) || !Array.isArray(body.messages)) throw unexpected("chat-agent", "messages[]", body);
  const assistant = body.messages.filter(isRecord).filter((m) => m.role === "assistant");
  const answer = assistant.findLast((m) => typeof m.content === "string" && m.content !== "");
  const toolCalls = assistant.flatMap((m) => toToolCalls(m.tool_calls) ?? []);
  return { output: answer?.content ?? "", toolCalls };
}

function fromPredictions(body: unknown, rows: number, format: ServingFormat): unknown {
  // `mlflow models serve` and serving endpoints wrap results in { predictions }; some older servers answer with the bare list.
  const predictions = isRecord(body) && "predictions" in body ? body.predictions : Array.isArray(body) ? body : undefined;
  if (predictions === undefined) throw unexpected(format, "predictions", body);
  return rows === 1 && Array.isArray(predictions) ? predictions[0] : predictions;
}

function unexpected(format: ServingFormat, field: string, body: unknown): TargetError {
  const preview = JSON.stringify(body)?.slice(0, 200) ?? String(body);
  return new TargetError(
    `databricks-serving (format ${format}): the response has no ${field}; received ${preview}. Check that \`format\` matches what the endpoint serves.`,
  );
}
