import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError, type Issue } from "../errors.js";
import { datasetSources, repeatedDatasetIssues, type LineOf } from "./dataset-paths.js";
import { resolveConfig, type ResolvedConfig } from "./resolve.js";
import { UserConfigSchema } from "./schema.js";
import { yamlLineOf } from "./yaml-lines.js";
import { describeZodIssues } from "./zod-issues.js";

/** A config problem, with the YAML line of the offending key when known (for editors and --json output). */
export interface ConfigIssue extends Issue {
  line?: number;
}

const REQUIRED_HINT = "expected a mapping with at least name, dataset and target";

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
 * Parses and validates suite config text. `file` locates messages and is the
 * base for relative paths. Throws ConfigError listing every problem.
 */
export function parseConfig(text: string, file: string): ResolvedConfig {
  const absoluteFile = resolve(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntax = syntaxIssue(doc, absoluteFile);
  if (syntax) throw new ConfigError(absoluteFile, [syntax]);

  const data: unknown = doc.toJS();
  if (data === null || data === undefined) throw new ConfigError(absoluteFile, [{ path: "", message: `The file is empty: ${REQUIRED_HINT}.` }]);
  if (typeof data !== "object" || Array.isArray(data)) {
    const issue: ConfigIssue = { path: "", message: `Expected a mapping (key: value pairs) at top level, received ${kindOf(data)}: ${REQUIRED_HINT}.`, line: 1 };
    throw new ConfigError(absoluteFile, [issue]);
  }

  const result = UserConfigSchema.safeParse(data);
  if (!result.success) {
    const issues = describeZodIssues(result.error.issues, UserConfigSchema, data).map(({ segments, ...issue }): ConfigIssue => {
      const line = yamlLineOf(doc, lineCounter, segments);
      return line === undefined ? issue : { ...issue, message: `${issue.message} (line ${line})`, line };
    });
    // In file order, so fixing from the top down works.
    issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new ConfigError(absoluteFile, issues);
  }
  const lineOf: LineOf = (segments) => yamlLineOf(doc, lineCounter, segments);
  const config = { ...resolveConfig(result.data, absoluteFile), datasetSources: datasetSources(result.data.dataset, lineOf) };
  const repeated = repeatedDatasetIssues(config);
  if (repeated.length > 0) throw new ConfigError(absoluteFile, repeated);
  return config;
}

/** Reads, validates and resolves a suite file (evalgate.yaml). */
export async function loadConfig(file: string): Promise<ResolvedConfig> {
  const absoluteFile = resolve(file);
  let text: string;
  try {
    text = await readFile(absoluteFile, "utf8");
  } catch (error) {
    throw new ConfigError(absoluteFile, [{ path: "", message: readFailure(error, absoluteFile) }], { cause: error });
  }
  return parseConfig(text, absoluteFile);
}

function readFailure(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `Config file not found: ${file}. Check the path, or create the suite file there.`;
  if (code === "EISDIR") return `${file} is a directory; expected a suite file such as ${file}/evalgate.yaml.`;
  return `Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`;
}
