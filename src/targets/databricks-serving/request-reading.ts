import type { ServingFormat } from "../../config/targets-schema.js";
import { isRecord } from "../internal/trace-fields.js";

/** A recorded `/invocations` request read back as a case input: the inverse of buildServingPayload. */
export interface ReadRequest {
  format: ServingFormat;
  /** A string for a single user message; the message list for a conversation; a record (or list) for dataframes. */
  input: unknown;
  /** Rows the request held: a one-row pyfunc request is answered by its first prediction. */
  rows: number;
}

/**
 * Reads a recorded serving request (an inference table's `request` column)
 * and, from the request and response shapes, the format the endpoint
 * speaks. Undefined when neither matches a format evalgate knows; the
 * caller names the row. `{ messages }` is chat when answered with
 * `choices`, chat-agent when answered with `messages`.
 */
export function readServingRequest(request: unknown, response: unknown): ReadRequest | undefined {
  if (!isRecord(request)) return undefined;
  const answer = isRecord(response) ? response : {};
  if (Array.isArray(request.messages)) {
    const format: ServingFormat = Array.isArray(answer.messages) && !Array.isArray(answer.choices) ? "chat-agent" : "chat";
    return { format, input: conversationInput(request.messages), rows: 1 };
  }
  if (Array.isArray(request.input)) return { format: "responses-agent", input: conversationInput(request.input), rows: 1 };
  if (Array.isArray(request.dataframe_records)) {
    const records = request.dataframe_records.filter(isRecord);
    return { format: "dataframe-records", input: records.length === 1 ? records[0] : records, rows: records.length };
  }
  if (isRecord(request.dataframe_split)) {
    const records = splitToRecords(request.dataframe_split);
    return { format: "dataframe-split", input: records.length === 1 ? records[0] : records, rows: records.length };
  }
  if ("inputs" in request) {
    const rows = Array.isArray(request.inputs) ? request.inputs.length : 1;
    return { format: "inputs", input: request.inputs, rows };
  }
  return undefined;
}

/** One user message becomes its text (as a dataset case would say it); a conversation keeps its turns. */
function conversationInput(messages: readonly unknown[]): unknown {
  const turns = messages.filter(isRecord).map((m) => ({ role: String(m.role ?? "user"), content: contentText(m.content) }));
  const only = turns.length === 1 ? turns[0] : undefined;
  return only?.role === "user" ? only.content : turns;
}

/** Responses-style content parts (`[{ type: "input_text", text }]`) joined into the message text. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("");
  return content === undefined || content === null ? "" : JSON.stringify(content);
}

function splitToRecords(split: Record<string, unknown>): Record<string, unknown>[] {
  const columns = Array.isArray(split.columns) ? split.columns.map(String) : [];
  const data = Array.isArray(split.data) ? split.data : [];
  return data.filter(Array.isArray).map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
}
