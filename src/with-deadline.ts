/**
 * Runs `fn` with an AbortSignal that fires at the deadline or when `parent`
 * aborts. Rejects at the deadline with `onTimeout()` even when `fn` ignores
 * its signal, so nothing that hangs (a target, a judge call, a check) can hold
 * its caller, or the concurrency slot the caller holds, past its time limit.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  parent: AbortSignal | undefined,
  onTimeout: () => Error,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = onTimeout();
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
    if (parent?.aborted) throw parent.reason;
    return await Promise.race([fn(controller.signal), deadline, aborted]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onParentAbort);
  }
}
