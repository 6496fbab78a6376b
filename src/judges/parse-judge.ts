import { isAbsolute, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { describeZodIssues, yamlLineOf } from "../config/index.js";
import type { JudgeIssue } from "./errors.js";
import { splitFrontMatter } from "./internal/front-matter.js";
import { JudgeFrontMatterSchema, type JudgeFrontMatter } from "./judge-schema.js";
import { templateIssues } from "./template-checks.js";

export interface ParsedJudgeFile {
  frontMatter: JudgeFrontMatter;
  template: string;
  templateLine: number;
  /** Absolute path of the examples file, when the judge names one. */
  examplesFile?: string;
}

export type ParseJudgeResult = { ok: true; judge: ParsedJudgeFile } | { ok: false; issues: JudgeIssue[] };

const SHAPE = "A judge file starts with YAML front matter between `---` lines (id, failure_mode, inputs, …), followed by the criterion and template.";

/** Parses and validates a judge file's text; `file` (absolute) locates messages and relative paths. */
export function parseJudgeFile(text: string, file: string): ParseJudgeResult {
  const parts = splitFrontMatter(text);
  if (!parts.hasFrontMatter) return { ok: false, issues: [{ file, line: 1, message: `No front matter. ${SHAPE}` }] };

  const lineCounter = new LineCounter();
  const doc = parseDocument(parts.yaml, { lineCounter });
  const [syntax] = doc.errors;
  if (syntax) {
    const line = syntax.linePos?.[0]?.line;
    const reason = syntax.message.split(" at line ")[0] ?? syntax.message;
    return { ok: false, issues: [{ file, ...(line === undefined ? {} : { line: line + parts.yamlLine - 1 }), message: `YAML syntax error: ${reason}` }] };
  }
  const data: unknown = doc.toJS() ?? {};
  const result = JudgeFrontMatterSchema.safeParse(data);
  if (!result.success) {
    const issues = describeZodIssues(result.error.issues, JudgeFrontMatterSchema, data).map(({ segments, path, message }): JudgeIssue => {
      const line = yamlLineOf(doc, lineCounter, segments);
      return { file, ...(line === undefined ? {} : { line: line + parts.yamlLine - 1 }), message: path ? `${path}: ${message}` : message };
    });
    // In file order, so fixing from the top down works.
    return { ok: false, issues: issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) };
  }

  const frontMatter = result.data;
  const issues = templateIssues(parts.body, parts.bodyLine, frontMatter.inputs, file);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    judge: {
      frontMatter,
      template: parts.body,
      templateLine: parts.bodyLine,
      ...(frontMatter.examples === undefined ? {} : { examplesFile: resolveFrom(file, frontMatter.examples) }),
    },
  };
}

function resolveFrom(file: string, path: string): string {
  return isAbsolute(path) ? path : resolve(file, "..", path);
}
