import { EvalgateError, type EvalgateErrorOptions } from "../errors.js";

/** A judge call, or a whole verdict, ran out of time (judge_timeout_ms): recorded as an `error` verdict. */
export class JudgeTimeoutError extends EvalgateError {
  constructor(message: string) {
    super("JUDGE_TIMEOUT", message);
  }
}

/** One judge-file problem, located by file and 1-based line when known. */
export interface JudgeIssue {
  file: string;
  line?: number;
  message: string;
}

/** A judge file (or its examples, or its fit to the dataset) is invalid. Lists every problem found. */
export class JudgeError extends EvalgateError {
  readonly issues: readonly JudgeIssue[];

  constructor(issues: readonly JudgeIssue[], options: EvalgateErrorOptions = {}) {
    // Continuation lines of a multi-line message stay under their issue.
    const rows = issues.map((i) => `  ✖ ${i.file}${i.line === undefined ? "" : `:${i.line}`}: ${i.message.replaceAll("\n", "\n    ")}`);
    const noun = issues.length === 1 ? "problem" : "problems";
    super("JUDGE_INVALID", `Judge has ${issues.length} ${noun}:\n${rows.join("\n")}`, options);
    this.issues = issues;
  }

  get file(): string | undefined {
    return this.issues[0]?.file;
  }
  get line(): number | undefined {
    return this.issues[0]?.line;
  }
}
