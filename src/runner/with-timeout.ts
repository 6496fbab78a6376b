import { TargetTimeoutError } from "../errors.js";

/**
 * Runs `fn` with an AbortSignal that fires on timeout or when `parent` aborts.
 * Rejects at the deadline even when `fn` ignores its signal, so a hung target
 * can never stall the run.
 */
export async function withTimeout<T>(timeoutMs: number, parent: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent.reason);
  parent.addEventListener("abort", onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TargetTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  // The losers of the race may reject later; swallow that so it is not an unhandled rejection.
  deadline.catch(() => {});
  aborted.catch(() => {});
  try {
    if (parent.aborted) throw parent.reason;
    return await Promise.race([fn(controller.signal), deadline, aborted]);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener("abort", onParentAbort);
  }
}
