import type { GuardDecision, Trace } from "../log/index.js";
import type { Deadline } from "../providers/index.js";

/** What the runner hands a target for one trial. */
export interface TargetContext {
  runId: string;
  caseId: string;
  /** 0-based trial index. */
  trial: number;
  /** Aborted on timeout or cancellation: pass it to fetch / SDK calls. */
  signal: AbortSignal;
  /** The case's expected value, for templates that reference `{{expected}}`. */
  expected?: unknown;
  /**
   * When the trial times out. HTTP targets hand it to the transport, so a retry
   * that could only start after it is not waited for and the last answer
   * (e.g. a 429 with its Retry-After) is what gets recorded.
   */
  deadline?: Deadline;
  /** Reports a problem with the run that does not fail the trial (shown once on stderr by the CLI). */
  warn?: (message: string) => void;
}

export interface TargetResult {
  output: unknown;
  trace?: Trace;
  /** Decisions of guardrails the pipeline runs itself (a pipeline wrapped in `guard()`): recorded with the trial's. */
  guardrails?: GuardDecision[];
}

/** Facts about the pipeline recorded once per run (e.g. a serving endpoint's version). */
export interface TargetInfo {
  type: string;
  description: string;
  [key: string]: unknown;
}

/** The pipeline under test. */
export interface Target {
  readonly info: TargetInfo;
  invoke(input: unknown, ctx: TargetContext): Promise<TargetResult>;
  /** Runs once before the first trial: resolve endpoints, check credentials. */
  prepare?(): Promise<void>;
  close?(): Promise<void>;
}

/** The function a `module` target exports. */
export type TargetFunction = (input: unknown, ctx: TargetContext) => Promise<TargetResult> | TargetResult;
