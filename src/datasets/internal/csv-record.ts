import { jsonSyntaxReason, type DatasetIssue } from "../../errors.js";

/** Columns whose cells may hold JSON objects or arrays: structured expectations, metadata, retrieved documents. */
const JSON_COLUMNS = new Set(["expected", "metadata", "context"]);

/**
 * Tags are split on "|", not ",": a comma is the CSV delimiter, so comma-separated
 * tags would force quoting every cell with more than one tag.
 */
const TAG_SEPARATOR = "|";

/** Header problems: blank or repeated names, and a column that is also used as an object (`input` next to `input.question`). */
export function checkHeader(header: readonly string[], file: string, line: number): DatasetIssue[] {
  const issues: DatasetIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name.trim() === "") issues.push({ file, line, field: `column ${index + 1}`, message: "Column has no name in the header row" });
    else if (seen.has(name)) issues.push({ file, line, field: name, message: `Column "${name}" appears twice in the header row` });
    seen.add(name);
  });
  for (const name of seen) {
    const nested = header.find((other) => other.startsWith(`${name}.`));
    if (nested) issues.push({ file, line, field: name, message: `Column "${name}" conflicts with "${nested}": a field is either a value or a set of dotted sub-columns, not both` });
  }
  return issues;
}

function cellValue(column: string, cell: string): unknown {
  if (column === "tags") return cell.split(TAG_SEPARATOR).map((tag) => tag.trim()).filter((tag) => tag !== "");
  const trimmed = cell.trim();
  const root = column.split(".")[0] ?? column;
  return JSON_COLUMNS.has(root) && (trimmed.startsWith("{") || trimmed.startsWith("[")) ? JSON.parse(trimmed) : cell;
}

function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments.at(-1) as string] = value;
}

/**
 * One CSV record as a case object: dotted column names build nested objects
 * (`input.question`), empty cells are left out, JSON-looking cells in
 * expected/metadata/context are parsed.
 */
export function recordToObject(header: readonly string[], cells: readonly string[], file: string, line: number): { value: Record<string, unknown>; issues: DatasetIssue[] } {
  const value: Record<string, unknown> = {};
  const issues: DatasetIssue[] = [];
  header.forEach((column, index) => {
    const cell = cells[index] ?? "";
    if (cell === "") return;
    try {
      setPath(value, column.split("."), cellValue(column, cell));
    } catch (error) {
      issues.push({ file, line, field: column, message: `Looks like JSON but does not parse (${jsonSyntaxReason(error)}); fix the JSON, or start the cell with another character to keep it as text` });
    }
  });
  return { value, issues };
}
