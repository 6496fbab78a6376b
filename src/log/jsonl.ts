import { jsonSyntaxReason, type DatasetIssue } from "../errors.js";

/** One JSON object read from one line; `line` is 1-based. */
export interface JsonlRow {
  line: number;
  value: Record<string, unknown>;
}

export interface JsonlParse {
  rows: JsonlRow[];
  /** Every unreadable line, so all of them are reported together. */
  issues: DatasetIssue[];
}

/**
 * Parses JSON Lines where every line must be one JSON object (datasets,
 * scripted replies, judge examples). Blank lines are skipped; a bad line is
 * an issue naming file and line, and reading goes on.
 */
export function parseJsonlObjects(text: string, file: string): JsonlParse {
  const rows: JsonlRow[] = [];
  const issues: DatasetIssue[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const parsed = parseJsonlLine(content, index + 1, file);
    if (parsed === undefined) return;
    if ("message" in parsed) issues.push(parsed);
    else rows.push(parsed);
  });
  return { rows, issues };
}

/**
 * One line of JSON Lines (without its line break), for readers that stream a
 * file line by line: the row, the issue, or undefined for a blank line.
 */
export function parseJsonlLine(content: string, line: number, file: string): JsonlRow | DatasetIssue | undefined {
  if (content.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return { file, line, field: "", message: `Not valid JSON (${jsonSyntaxReason(error)}); each line must hold one complete JSON object` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { file, line, field: "", message: `Expected a JSON object, received ${kindOf(value)}` };
  }
  return { line, value: value as Record<string, unknown> };
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}
