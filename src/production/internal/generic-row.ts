import { createHash } from "node:crypto";
import type { Trace } from "../../log/index.js";
import { toContextDocs } from "../../targets/index.js";
import type { RowReading } from "./row-reading.js";
import { rowTimestamp } from "./row-timestamp.js";

/**
 * `{ input, output, context?, id?, timestamp?, error? }`. Without an id, the
 * record is named by a hash of its input and output, so the same row keeps
 * the same case id in every run.
 */
export function readGenericRow(row: Record<string, unknown>): RowReading {
  if (!("input" in row)) return { issue: { field: "input", message: 'Missing "input": a generic row is { "input": …, "output": …, "context"?: [...], "id"?: "…" }' } };
  const hasError = typeof row.error === "string" && row.error !== "";
  if (!("output" in row) && !hasError) return { issue: { field: "output", message: 'Missing "output": give the answer the application returned (or "error" for a failed request)' } };
  if (row.id !== undefined && typeof row.id !== "string" && typeof row.id !== "number") {
    return { issue: { field: "id", message: `Expected "id" to be a string or number, received ${kindOf(row.id)}` } };
  }
  const context = row.context === undefined ? undefined : toContextDocs(row.context);
  if (row.context !== undefined && context === undefined) {
    return { issue: { field: "context", message: `Expected "context" to be a list of documents (strings or { id?, text }), received ${kindOf(row.context)}` } };
  }
  const timestamp = rowTimestamp(row, ["timestamp", "request_time", "timestamp_ms"]);
  if (timestamp && "issue" in timestamp) return timestamp;
  const traceId = row.id === undefined ? `row-${createHash("sha256").update(JSON.stringify([row.input, row.output])).digest("hex").slice(0, 16)}` : String(row.id);
  const trace = typeof row.trace === "object" && row.trace !== null && !Array.isArray(row.trace) ? (row.trace as Trace) : undefined;
  return {
    record: {
      traceId,
      input: row.input,
      ...(hasError ? { error: row.error as string } : { output: row.output }),
      ...(context ? { context } : {}),
      ...(trace ? { trace } : {}),
      ...(timestamp ? { timestamp: timestamp.value } : {}),
    },
  };
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}
