/**
 * Error families. Every error evalgate raises carries a stable `code` so that
 * callers (and the CLI's exit-code table) can react without parsing messages.
 * Messages say what was expected, what was received, where, and how to fix it.
 */

export const ERROR_CODES = [
  "CONFIG_INVALID",
  "DATASET_INVALID",
  "JUDGE_INVALID",
  "TARGET_FAILED",
  "TARGET_TIMEOUT",
  "PROVIDER_API_ERROR",
  "PROVIDER_TIMEOUT",
  "PROVIDER_CONNECTION",
  "CREDENTIALS_MISSING",
  "JUDGE_PARSE_FAILED",
  "JUDGE_TIMEOUT",
  "CHECK_TIMEOUT",
  "TRACKING_FAILED",
  "RUN_NOT_FOUND",
  "RESULTS_LOG_INVALID",
  "GATE_FAILED",
  "RUNS_NOT_COMPARABLE",
  "LABELS_INVALID",
  "RUN_LOCKED",
  "WRITE_FAILED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface EvalgateErrorOptions {
  cause?: unknown;
}

export class EvalgateError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: EvalgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * The code of an evalgate error, also when it was thrown by another copy of
 * evalgate: a user's target or check module loaded at run time imports the
 * package itself, so `instanceof` alone would miss its errors.
 */
export function evalgateErrorCode(error: unknown): ErrorCode | undefined {
  if (error instanceof EvalgateError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : undefined;
}

/** One located problem: `path` is a dotted path (config) or a field name (dataset). */
export interface Issue {
  path: string;
  message: string;
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `  ✖ ${issue.message}${issue.path ? `\n    → at ${issue.path}` : ""}`).join("\n");
}

export interface ConfigErrorOptions extends EvalgateErrorOptions {
  /** What kind of file is invalid, in the message's first line; default "suite config". */
  subject?: string;
}

export class ConfigError extends EvalgateError {
  readonly file: string | undefined;
  readonly issues: readonly Issue[];

  constructor(file: string | undefined, issues: readonly Issue[], options: ConfigErrorOptions = {}) {
    const where = file ? ` in ${file}` : "";
    super("CONFIG_INVALID", `Invalid ${options.subject ?? "suite config"}${where}:\n${formatIssues(issues)}`, options);
    this.file = file;
    this.issues = issues;
  }
}

/** One bad dataset row, located by file, 1-based line and field. */
export interface DatasetIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** `file:line (field): message`, as errors and warnings about dataset rows print. */
export function formatDatasetIssue(issue: DatasetIssue): string {
  return `${issue.file}:${issue.line}${issue.field ? ` (${issue.field})` : ""}: ${issue.message}`;
}

export class DatasetError extends EvalgateError {
  readonly issues: readonly DatasetIssue[];

  constructor(issues: readonly DatasetIssue[], options: EvalgateErrorOptions = {}) {
    const rows = issues.map((i) => `  ✖ ${formatDatasetIssue(i)}`);
    const noun = issues.length === 1 ? "problem" : "problems";
    super("DATASET_INVALID", `Dataset has ${issues.length} ${noun}:\n${rows.join("\n")}`, options);
    this.issues = issues;
  }

  /** Convenience accessors for the common single-issue case. */
  get file(): string | undefined {
    return this.issues[0]?.file;
  }
  get line(): number | undefined {
    return this.issues[0]?.line;
  }
  get field(): string | undefined {
    return this.issues[0]?.field;
  }
}

export class TargetError extends EvalgateError {
  constructor(message: string, options: EvalgateErrorOptions = {}) {
    super("TARGET_FAILED", message, options);
  }
}

export class TargetTimeoutError extends EvalgateError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super("TARGET_TIMEOUT", `Target did not answer within ${timeoutMs} ms (raise timeout_ms in the suite config if this is expected).`);
    this.timeoutMs = timeoutMs;
  }
}

export class CredentialsError extends EvalgateError {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super("CREDENTIALS_MISSING", message);
    this.variable = variable;
  }
}

export class RunNotFoundError extends EvalgateError {
  constructor(runId: string, reportsDir: string) {
    super("RUN_NOT_FOUND", `No run "${runId}" under ${reportsDir} (expected ${reportsDir}/${runId}/run.json). List runs with: ls ${reportsDir}`);
  }
}

/** Another live process is writing the run (see log/run-lock.ts). */
export class RunLockedError extends EvalgateError {
  constructor(message: string) {
    super("RUN_LOCKED", message);
  }
}

/**
 * A file of the run could not be written (full disk, read-only file system,
 * permissions). `reason` is the short system reason, e.g. "no space left on device".
 */
export class WriteFailedError extends EvalgateError {
  readonly file: string;
  readonly reason: string;
  /** `message` replaces the default "cannot write <file>: <reason>" (e.g. to add how to resume). */
  constructor(file: string, reason: string, options: EvalgateErrorOptions & { message?: string } = {}) {
    super("WRITE_FAILED", options.message ?? `cannot write ${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

export class InternalError extends EvalgateError {
  constructor(message: string, options: EvalgateErrorOptions = {}) {
    super("INTERNAL", `${message} (this is a bug in evalgate: please report it)`, options);
  }
}

/** Message of anything thrown, for recording in results without losing the text. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/**
 * The reason JSON.parse gave, without the "(line 1 column 2)" Node 22+
 * appends: callers report the file's own line, so that suffix only misleads.
 */
export function jsonSyntaxReason(error: unknown): string {
  return errorMessage(error).replace(/\s*\(line \d+ column \d+\)$/, "");
}
