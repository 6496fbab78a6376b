import { jsonSyntaxReason, type DatasetIssue } from "../../errors.js";

/** Which columns of a CSV file are not plain text. */
export interface CsvColumns {
  /** Cells split on "|" into a list of strings. */
  lists: readonly string[];
  /** Cells that may hold JSON objects or arrays (parsed when they start with { or [). */
  json: readonly string[];
}

/**
 * Dataset cases: tags are lists; structured expectations, metadata and
 * retrieved documents may be JSON.
 */
export const CASE_COLUMNS: CsvColumns = { lists: ["tags"], json: ["expected", "metadata", "context"] };

/**
 * Lists are split on "|", not ",": a comma is the CSV delimiter, so comma-separated
 * tags would force quoting every cell with more than one tag.
 */
const LIST_SEPARATOR = "|";

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

function cellValue(column: string, cell: string, columns: CsvColumns): unknown {
  if (columns.lists.includes(column)) return cell.split(LIST_SEPARATOR).map((item) => item.trim()).filter((item) => item !== "");
  const trimmed = cell.trim();
  const root = column.split(".")[0] ?? column;
  return columns.json.includes(root) && (trimmed.startsWith("{") || trimmed.startsWith("[")) ? JSON.parse(trimmed) : cell;
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
 * JSON columns are parsed.
 */
export function recordToObject(
  header: readonly string[],
  cells: readonly string[],
  file: string,
  line: number,
  columns: CsvColumns,
): { value: Record<string, unknown>; issues: DatasetIssue[] } {
  const value: Record<string, unknown> = {};
  const issues: DatasetIssue[] = [];
  header.forEach((column, index) => {
    const cell = cells[index] ?? "";
    if (cell === "") return;
    try {
      setPath(value, column.split("."), cellValue(column, cell, columns));
    } catch (error) {
      issues.push({ file, line, field: column, message: `Looks like JSON but does not parse (${jsonSyntaxReason(error)}); fix the JSON, or start the cell with another character to keep it as text` });
    }
  });
  return { value, issues };
}
