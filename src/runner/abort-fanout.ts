/**
 * Per-trial abort signals that all follow one run-wide signal through a
 * single listener on it. Handing the run's own signal to every trial would
 * add one `abort` listener per trial in flight (each deadline links to it),
 * which Node reports as a MaxListenersExceededWarning above 10 and which
 * makes adding and removing them cost more as concurrency grows.
 */
export interface AbortFanout {
  /** A signal that aborts with the parent; call release when its trial is done. */
  child(): { signal: AbortSignal; release(): void };
  /** Removes the one listener on the parent. */
  close(): void;
}

export function createAbortFanout(parent: AbortSignal): AbortFanout {
  const children = new Set<AbortController>();
  const forward = () => {
    for (const child of children) child.abort(parent.reason);
  };
  parent.addEventListener("abort", forward, { once: true });
  return {
    child() {
      const controller = new AbortController();
      if (parent.aborted) controller.abort(parent.reason);
      else children.add(controller);
      return { signal: controller.signal, release: () => children.delete(controller) };
    },
    close: () => parent.removeEventListener("abort", forward),
  };
}
