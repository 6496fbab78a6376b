import { errorMessage } from "../../errors.js";
import { redactTokenShapes } from "../../secrets/index.js";
import type { Guard, GuardDecision, GuardFinding, GuardInput } from "../types.js";

export class GuardTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`guard did not finish within ${timeoutMs} ms (its timeout_ms); make it faster or raise timeout_ms`);
    this.name = "GuardTimeoutError";
  }
}

/** What a guard reads, without the signal: runGuard gives it its own, which its timeout aborts. */
export type GuardRunInput = Omit<GuardInput, "signal">;

/**
 * One guard's decision, with its timeout_ms and on_error: a guard that throws
 * or outlasts its timeout is decided by on_error (closed: triggered; open:
 * not), with the error's text, token shapes cut (a custom guard may throw
 * with a credential in its message). Rejects with the signal's reason only
 * when `signal` aborts; what an abort means is the caller's to say.
 *
 * A guard that answers synchronously (every static one) is called and timed
 * alone: no timer, and its latency is its own work, not the event loop's
 * other business. An async one is raced against its deadline, which aborts
 * its signal, so nothing that hangs holds the stage past timeout_ms.
 */
export async function runGuard(guard: Guard, input: GuardRunInput, signal?: AbortSignal): Promise<GuardDecision> {
  signal?.throwIfAborted();
  const started = performance.now();
  const own = new AbortController();
  try {
    const pending = guard.detect({ ...input, signal: own.signal });
    const finding = isPromiseLike(pending) ? await settle(pending, guard.timeoutMs, own, signal) : pending;
    return decision(guard, input, started, finding);
  } catch (error) {
    if (signal?.aborted && !(error instanceof GuardTimeoutError)) throw signal.reason;
    return { ...identity(guard, input), triggered: guard.onError === "closed", error: redactTokenShapes(errorMessage(error)), latency_ms: elapsed(started) };
  }
}

function identity(guard: Guard, input: GuardRunInput): Pick<GuardDecision, "id" | "type" | "stage" | "action"> {
  return { id: guard.id, type: guard.type, stage: input.stage, action: guard.action };
}

function decision(guard: Guard, input: GuardRunInput, started: number, finding: GuardFinding): GuardDecision {
  return {
    ...identity(guard, input),
    triggered: finding.triggered === true,
    ...(finding.spans && finding.spans.length > 0 ? { spans: finding.spans } : {}),
    ...(finding.score === undefined ? {} : { score: finding.score }),
    ...(finding.reason === undefined ? {} : { reason: finding.reason }),
    latency_ms: elapsed(started),
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<GuardFinding> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** The guard's finding, unless its deadline (aborting `own`) or the caller's abort comes first. */
function settle(pending: PromiseLike<GuardFinding>, timeoutMs: number, own: AbortController, parent: AbortSignal | undefined): Promise<GuardFinding> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new GuardTimeoutError(timeoutMs);
      own.abort(error);
      reject(error);
    }, timeoutMs);
    const onAbort = () => {
      own.abort(parent?.reason);
      reject(parent?.reason);
    };
    parent?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    };
    pending.then(
      (finding) => {
        done();
        resolve(finding);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
