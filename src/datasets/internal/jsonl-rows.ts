import type { DatasetIssue } from "../../errors.js";
import type { RawRow, ReadResult } from "./raw-row.js";

function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** One JSON object per line; blank lines are skipped. */
export function readJsonl(text: string, file: string): ReadResult {
  const rows: RawRow[] = [];
  const issues: DatasetIssue[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      issues.push({ file, line, field: "", message: `Not valid JSON (${reason}); each line must hold one complete JSON object` });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      issues.push({ file, line, field: "", message: `Expected a JSON object, received ${kindOf(value)}` });
      return;
    }
    rows.push({ line, value });
  });
  return { rows, issues };
}
