import type { Guard, GuardDecision, GuardFinding, GuardStage } from "../../types.js";

export interface GuardRunInput {
  text: string;
  stage: GuardStage;
  input?: string;
  context?: readonly string[];
  signal?: AbortSignal;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isPromiseLike(value: unknown): value is PromiseLike<GuardFinding> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** Waits for an async guard until its timeout (aborting its signal then) or the caller's abort. */
function settle(pending: PromiseLike<GuardFinding>, guard: Guard, controller: AbortController, parent: AbortSignal | undefined): Promise<GuardFinding> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error(`timed out after ${guard.timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, guard.timeoutMs);
    const onAbort = () => reject(parent?.reason);
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

/**
 * Runs one guard on its own, with its timeout and on_error, and returns the
 * decision as the engine records it. Evaluation calls guards one by one
 * rather than through a stage, so that one guard blocking (or redacting the
 * text) does not hide what the guards after it would have decided.
 *
 * A guard that answers synchronously (the static ones) is timed around that
 * call alone, so its latency does not include waiting for other rows' work
 * on the event loop.
 */
export async function runGuard(guard: Guard, run: GuardRunInput): Promise<GuardDecision> {
  const base = { id: guard.id, type: guard.type, stage: run.stage, action: guard.action };
  run.signal?.throwIfAborted();
  const controller = new AbortController();
  const started = performance.now();
  let latency = 0;
  try {
    const pending = guard.detect({
      text: run.text,
      stage: run.stage,
      signal: controller.signal,
      ...(run.input === undefined ? {} : { input: run.input }),
      ...(run.context === undefined ? {} : { context: run.context }),
    });
    const finding = isPromiseLike(pending) ? await settle(pending, guard, controller, run.signal) : pending;
    latency = performance.now() - started;
    return {
      ...base,
      triggered: finding.triggered,
      ...(finding.spans ? { spans: finding.spans } : {}),
      ...(finding.score === undefined ? {} : { score: finding.score }),
      ...(finding.reason === undefined ? {} : { reason: finding.reason }),
      latency_ms: latency,
    };
  } catch (error) {
    latency = performance.now() - started;
    if (run.signal?.aborted) throw run.signal.reason;
    return { ...base, triggered: guard.onError === "closed", latency_ms: latency, error: describeError(error) };
  }
}
