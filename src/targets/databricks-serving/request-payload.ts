import type { ServingFormat } from "../../config/targets-schema.js";
import { TargetError } from "../../errors.js";
import { isRecord } from "../internal/trace-fields.js";

export interface PayloadOptions {
  params?: Record<string, unknown>;
  custom_inputs?: Record<string, unknown>;
  return_trace?: boolean;
}

export interface ServingPayload {
  body: Record<string, unknown>;
  /** Rows sent to a pyfunc model; a one-row request is answered by the first prediction. */
  rows: number;
}

interface Message {
  role: string;
  content: unknown;
}

/**
 * Builds the `/invocations` body for one case input. Chat and agent formats
 * take a string (one user message), a message list, or `{ messages }`;
 * dataframe formats take an object (one record) or a list of them.
 */
export function buildServingPayload(format: ServingFormat, input: unknown, options: PayloadOptions = {}): ServingPayload {
  switch (format) {
    case "chat":
      return { body: { messages: toMessages(input, format), ...options.params }, rows: 1 };
    case "chat-agent":
      return { body: { messages: toMessages(input, format), ...agentExtras(options), ...options.params }, rows: 1 };
    case "responses-agent":
      return { body: { input: toMessages(input, format), ...agentExtras(options), ...options.params }, rows: 1 };
    case "dataframe-records": {
      const records = toRecords(input, format);
      return { body: { dataframe_records: records, ...mlflowParams(options) }, rows: records.length };
    }
    case "dataframe-split": {
      const records = toRecords(input, format);
      const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
      const data = records.map((record) => columns.map((column) => record[column] ?? null));
      return { body: { dataframe_split: { columns, data }, ...mlflowParams(options) }, rows: records.length };
    }
    case "inputs":
      return { body: { inputs: input, ...mlflowParams(options) }, rows: Array.isArray(input) ? input.length : 1 };
  }
}

function agentExtras(options: PayloadOptions): Record<string, unknown> {
  return {
    ...(options.custom_inputs ? { custom_inputs: options.custom_inputs } : {}),
    ...(options.return_trace ? { databricks_options: { return_trace: true } } : {}),
  };
}

function mlflowParams(options: PayloadOptions): Record<string, unknown> {
  return options.params ? { params: options.params } : {};
}

function toMessages(input: unknown, format: ServingFormat): Message[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  const list = isRecord(input) && Array.isArray(input.messages) ? input.messages : input;
  if (Array.isArray(list) && list.length > 0 && list.every(isMessage)) return list;
  throw new TargetError(
    `databricks-serving (format ${format}): expected the case input to be a string, a list of { role, content } messages or { messages: [...] }; received ${describe(input)}.`,
  );
}

function toRecords(input: unknown, format: ServingFormat): Record<string, unknown>[] {
  if (isRecord(input)) return [input];
  if (Array.isArray(input) && input.length > 0 && input.every(isRecord)) return input;
  throw new TargetError(
    `databricks-serving (format ${format}): expected the case input to be an object (column → value) or a list of them; received ${describe(input)}. Use format: inputs to send other values as is.`,
  );
}

function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.role === "string" && "content" in value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list of other values";
  return typeof value === "object" ? "an object without messages" : `a ${typeof value}`;
}
