import type { GuardDecision, Outcome, Trace } from "../log/index.js";

/** Everything a check may read about one trial. */
export interface CheckInput {
  output: unknown;
  input: unknown;
  expected?: unknown;
  trace?: Trace;
  latencyMs: number;
  /** The case's tags (e.g. "out-of-scope"), which some checks use to decide what to expect. */
  tags?: readonly string[];
  /** The trial's guardrail decisions (input stage first), when the suite sets `guardrails:`. `output` is then the guarded output. */
  guardrails?: readonly GuardDecision[];
}

export interface CheckVerdict {
  /** "fail": the output is wrong (incl. a missing field); "error": the evaluation failed (no expected value, a crash); see docs/checks.md. */
  outcome: Outcome;
  /** Short and specific: what was expected and what was seen. */
  reason: string;
}

/** Scores one trial. Built once per check; everything it needs was loaded up front. */
export type CheckRun = (input: CheckInput) => CheckVerdict | Promise<CheckVerdict>;

/** A ready-to-run check. */
export interface Check {
  readonly id: string;
  readonly type: string;
  readonly gating: boolean;
  /** The check's `timeout_ms`: the runner records `error` for a run that takes longer. */
  readonly timeoutMs: number;
  run: CheckRun;
}
