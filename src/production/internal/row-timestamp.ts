import type { RowProblem } from "./row-reading.js";

/**
 * The first of `fields` the row has, as RFC 3339: an ISO string, or epoch
 * milliseconds (a number, or digits). Undefined when the row has none.
 */
export function rowTimestamp(row: Record<string, unknown>, fields: readonly string[]): { value: string } | RowProblem | undefined {
  const field = fields.find((name) => row[name] !== undefined && row[name] !== null);
  if (field === undefined) return undefined;
  const raw = row[field];
  const ms = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : typeof raw === "string" ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) {
    return { issue: { field, message: `Expected "${field}" to be an ISO time or epoch milliseconds, received ${JSON.stringify(raw)}` } };
  }
  return { value: new Date(ms).toISOString() };
}
