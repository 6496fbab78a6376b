import { TargetTimeoutError } from "../errors.js";
import { withDeadline } from "../with-deadline.js";

/**
 * Runs a target call with an AbortSignal that fires on timeout or when
 * `parent` aborts. Rejects at the deadline even when `fn` ignores its signal,
 * so a hung target can never stall the run.
 */
export function withTimeout<T>(timeoutMs: number, parent: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withDeadline(timeoutMs, parent, () => new TargetTimeoutError(timeoutMs), fn);
}
