import { EvalgateError } from "../errors.js";

/**
 * The one table that maps outcomes to process exit codes (documented in the README).
 * 0: completed; 1: completed, but errors above the allowed rate or a gate failed;
 * 2: bad input or config; 3: runtime failure (tracking, internal);
 * 4: the gate's evidence is inconclusive;
 * 130: interrupted (Ctrl-C) after writing every finished trial;
 * 143: the same after SIGTERM (CI cancellation, `timeout`, `docker stop`): 128 + 15, as shells report it.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  badInput: 2,
  runtime: 3,
  /** evalgate gate: the evidence cannot decide. */
  inconclusive: 4,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const badInputCodes = new Set([
  "CONFIG_INVALID",
  "DATASET_INVALID",
  "JUDGE_INVALID",
  "CREDENTIALS_MISSING",
  "RUN_NOT_FOUND",
  "RESULTS_LOG_INVALID",
  "RUNS_NOT_COMPARABLE",
  "LABELS_INVALID",
  "RUN_LOCKED",
]);

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof EvalgateError) {
    if (badInputCodes.has(error.code)) return ExitCode.badInput;
    if (error.code === "GATE_FAILED") return ExitCode.failed;
  }
  return ExitCode.runtime;
}
