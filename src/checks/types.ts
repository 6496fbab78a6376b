import type { Outcome, Trace } from "../log/index.js";

/** Everything a check may read about one trial. */
export interface CheckInput {
  output: unknown;
  input: unknown;
  expected?: unknown;
  trace?: Trace;
  latencyMs: number;
}

export interface CheckVerdict {
  outcome: Outcome;
  /** Short and specific: what was expected and what was seen. */
  reason: string;
}

/** A ready-to-run check: pure, synchronous or async (custom/zod checks may load modules up front). */
export interface Check {
  readonly id: string;
  readonly type: string;
  readonly gating: boolean;
  run(input: CheckInput): CheckVerdict | Promise<CheckVerdict>;
}
