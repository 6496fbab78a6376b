import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { ConfigError, type Issue } from "../errors.js";
import { yamlLineOf } from "./yaml-lines.js";
import { describeZodIssues } from "./zod-issues.js";

/** A config problem, with the YAML line of the offending key when known (for editors and --json output). */
export interface ConfigIssue extends Issue {
  line?: number;
}

export interface ParseYamlConfigOptions {
  /** Absolute path of the file, named in messages. */
  file: string;
  /** What the file is, for the error's first line: "suite config", "guardrails config". */
  subject?: string;
  /** The least a valid file holds, e.g. "expected a mapping with at least name, dataset and target". */
  requiredHint: string;
}

/** A validated YAML file, with what is needed to locate anything in it afterwards. */
export interface ParsedYaml<T> {
  data: T;
  /** The 1-based line of the node at a path of the file's data (see yamlLineOf). */
  lineOf: (segments: readonly PropertyKey[]) => number | undefined;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}

/**
 * Only the first syntax error is reported: the yaml parser keeps going after
 * one and the follow-on errors usually describe the same mistake.
 */
function syntaxIssue(doc: Document, file: string): ConfigIssue | undefined {
  const [error] = doc.errors;
  if (!error) return undefined;
  const [start] = error.linePos ?? [];
  const where = start ? `${file}:${start.line}:${start.col}` : file;
  const reason = error.message.split(" at line ")[0] ?? error.message;
  return { path: "", message: `YAML syntax error at ${where}: ${reason}`, ...(start ? { line: start.line } : {}) };
}

/**
 * Parses YAML config text and validates it with `schema`. Throws one
 * ConfigError listing every problem in file order, each with its line and,
 * for an unknown key, the nearest valid one.
 */
export function parseYamlConfig<S extends z.ZodType>(text: string, schema: S, options: ParseYamlConfigOptions): ParsedYaml<z.output<S>> {
  const { file } = options;
  const errorOptions = options.subject === undefined ? {} : { subject: options.subject };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntax = syntaxIssue(doc, file);
  if (syntax) throw new ConfigError(file, [syntax], errorOptions);

  const data: unknown = doc.toJS();
  if (data === null || data === undefined) throw new ConfigError(file, [{ path: "", message: `The file is empty: ${options.requiredHint}.` }], errorOptions);
  if (typeof data !== "object" || Array.isArray(data)) {
    const issue: ConfigIssue = { path: "", message: `Expected a mapping (key: value pairs) at top level, received ${kindOf(data)}: ${options.requiredHint}.`, line: 1 };
    throw new ConfigError(file, [issue], errorOptions);
  }

  const lineOf = (segments: readonly PropertyKey[]) => yamlLineOf(doc, lineCounter, segments);
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = describeZodIssues(result.error.issues, schema, data).map(({ segments, ...issue }) => locate(issue, lineOf(segments)));
    // In file order, so fixing from the top down works.
    issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new ConfigError(file, issues, errorOptions);
  }
  return { data: result.data as z.output<S>, lineOf };
}

/** The issue with its line appended to the message, as every config message shows it. */
export function locate(issue: Issue, line: number | undefined): ConfigIssue {
  return line === undefined ? issue : { ...issue, message: `${issue.message} (line ${line})`, line };
}
