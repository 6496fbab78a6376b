import { errorMessage, jsonSyntaxReason } from "../../errors.js";
import { mapServingResponse, readServingRequest } from "../../targets/index.js";
import type { RowProblem, RowReading } from "./row-reading.js";
import { rowTimestamp } from "./row-timestamp.js";

const ID_FIELDS = ["databricks_request_id", "client_request_id", "request_id"] as const;

/**
 * One row of a Databricks serving endpoint's inference table: `request` and
 * `response` hold the endpoint's JSON (a string, or already parsed), read
 * with the same parsers the databricks-serving target uses. A row whose
 * `status_code` is not 200 records the failed request.
 */
export function readInferenceRow(row: Record<string, unknown>): RowReading {
  const id = ID_FIELDS.map((field) => row[field]).find((value) => typeof value === "string" && value !== "");
  if (id === undefined) return { issue: { field: "databricks_request_id", message: "Missing the request id: an inference-table row needs databricks_request_id (or client_request_id)" } };
  const request = jsonColumn(row, "request");
  if ("issue" in request) return request;
  const timestamp = rowTimestamp(row, ["timestamp_ms", "request_time", "timestamp"]);
  if (timestamp && "issue" in timestamp) return timestamp;
  const status = row.status_code === undefined || row.status_code === null ? 200 : Number(row.status_code);
  const response = status === 200 ? jsonColumn(row, "response") : { value: undefined };
  if ("issue" in response) return response;
  const read = readServingRequest(request.value, response.value);
  if (!read) {
    return {
      issue: {
        field: "request",
        message: "Not a serving request evalgate reads: expected { messages }, { input: [...] }, { dataframe_records }, { dataframe_split } or { inputs }",
      },
    };
  }
  const base = { traceId: id as string, input: read.input, ...(timestamp ? { timestamp: timestamp.value } : {}) };
  if (status !== 200) return { record: { ...base, error: `the endpoint answered HTTP ${Number.isNaN(status) ? String(row.status_code) : status}` }, format: read.format };
  try {
    const { output, trace } = mapServingResponse(read.format, response.value, read.rows);
    const { context, ...rest } = trace;
    return {
      record: { ...base, output, ...(context ? { context } : {}), ...(Object.keys(rest).length > 0 ? { trace: rest } : {}) },
      format: read.format,
    };
  } catch (error) {
    return { issue: { field: "response", message: errorMessage(error) } };
  }
}

function jsonColumn(row: Record<string, unknown>, field: "request" | "response"): { value: unknown } | RowProblem {
  const value = row[field];
  if (value === undefined || value === null) return { issue: { field, message: `Missing "${field}": an inference-table row holds the endpoint's ${field} JSON` } };
  if (typeof value !== "string") return { value };
  try {
    return { value: JSON.parse(value) as unknown };
  } catch (error) {
    return { issue: { field, message: `Not valid JSON (${jsonSyntaxReason(error)})` } };
  }
}
