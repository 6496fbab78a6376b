import { describeZodIssues } from "../config/index.js";
import { parseJsonlObjects } from "../log/index.js";
import type { JudgeIssue } from "./errors.js";
import { JudgeExampleSchema, MAX_EXAMPLES, MIN_EXAMPLES, type JudgeExample } from "./judge-schema.js";

export type ParsedExamples = { ok: true; examples: JudgeExample[] } | { ok: false; issues: JudgeIssue[] };

/**
 * A judge's examples file: one JSON object per line
 * (`{ input, output, context?, expected?, critique, verdict }`), 2 to 8 of
 * them: fewer does not calibrate, more dilutes the criterion and costs tokens
 * on every call.
 */
export function parseExamples(text: string, file: string): ParsedExamples {
  const examples: JudgeExample[] = [];
  const issues: JudgeIssue[] = [];
  const lines = parseJsonlObjects(text, file);
  for (const { line, message } of lines.issues) issues.push({ file, line, message });
  for (const { line, value } of lines.rows) {
    const parsed = JudgeExampleSchema.safeParse(value);
    if (parsed.success) {
      examples.push(parsed.data);
      continue;
    }
    for (const issue of describeZodIssues(parsed.error.issues, JudgeExampleSchema, value)) {
      issues.push({ file, line, message: issue.path ? `${issue.path}: ${issue.message}` : issue.message });
    }
  }
  if (issues.length === 0 && (examples.length < MIN_EXAMPLES || examples.length > MAX_EXAMPLES)) {
    issues.push({
      file,
      message: `Expected ${MIN_EXAMPLES} to ${MAX_EXAMPLES} examples, found ${examples.length}. Keep a few clear PASS and FAIL cases that show where the line is.`,
    });
  }
  return issues.length === 0 ? { ok: true, examples } : { ok: false, issues };
}
