import type { ContextDoc, TokenUsage, ToolCall } from "../../log/index.js";

/**
 * Normalizes the shapes APIs commonly use for usage, retrieved documents and
 * tool calls into the results-log Trace fields. Unrecognized shapes yield
 * undefined rather than throwing: a trace is supporting evidence, and a
 * missing usage figure must not turn a good answer into an error.
 */

export function toUsage(value: unknown): TokenUsage | undefined {
  if (!isRecord(value)) return undefined;
  const input = firstCount(value.input_tokens, value.prompt_tokens);
  const output = firstCount(value.output_tokens, value.completion_tokens);
  return input === undefined || output === undefined ? undefined : { input_tokens: input, output_tokens: output };
}

/** Strings become `{ id: "<index>", text }`; objects keep their fields with `id`/`text` taken from common names. */
export function toContextDocs(value: unknown): ContextDoc[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item, index): ContextDoc => {
    if (typeof item === "string") return { id: String(index), text: item };
    if (!isRecord(item)) return { id: String(index), text: JSON.stringify(item) };
    const metadata = isRecord(item.metadata) ? item.metadata : {};
    const id = firstString(item.id, item.doc_id, item.doc_uri, metadata.doc_uri, metadata.id, metadata.chunk_id) ?? String(index);
    const text = firstString(item.text, item.page_content, item.content, item.chunk);
    const score = typeof item.score === "number" ? item.score : typeof metadata.score === "number" ? metadata.score : undefined;
    return { ...item, id, ...(text === undefined ? {} : { text }), ...(score === undefined ? {} : { score }) };
  });
}

/** OpenAI-style `{ id, function: { name, arguments: "<json>" } }` or flat `{ name, arguments }`. */
export function toToolCalls(value: unknown): ToolCall[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).flatMap((item): ToolCall[] => {
    const fn = isRecord(item.function) ? item.function : item;
    const name = firstString(fn.name);
    if (name === undefined) return [];
    // Responses-style items carry both an item `id` and the `call_id` that tool outputs refer to; the latter identifies the call.
    const id = firstString(item.call_id, item.id);
    return [{ name, ...(fn.arguments === undefined ? {} : { arguments: parseJsonText(fn.arguments) }), ...(id === undefined ? {} : { id }) }];
  });
}

/** JSON-encoded text becomes its value; anything else is returned unchanged. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

function firstCount(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0);
}
