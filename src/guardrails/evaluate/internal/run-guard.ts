import { withDeadline } from "../../../with-deadline.js";
import type { Guard, GuardDecision, GuardStage } from "../../types.js";

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

/**
 * Runs one guard on its own, with its timeout and on_error, and returns the
 * decision as the engine records it. Evaluation calls guards one by one
 * rather than through a stage, so that one guard blocking (or redacting the
 * text) does not hide what the guards after it would have decided.
 */
export async function runGuard(guard: Guard, run: GuardRunInput): Promise<GuardDecision> {
  const base = { id: guard.id, type: guard.type, stage: run.stage, action: guard.action };
  const started = performance.now();
  try {
    const finding = await withDeadline(
      guard.timeoutMs,
      run.signal,
      () => new Error(`timed out after ${guard.timeoutMs} ms`),
      async (signal) =>
        guard.detect({
          text: run.text,
          stage: run.stage,
          signal,
          ...(run.input === undefined ? {} : { input: run.input }),
          ...(run.context === undefined ? {} : { context: run.context }),
        }),
    );
    return {
      ...base,
      triggered: finding.triggered,
      ...(finding.spans ? { spans: finding.spans } : {}),
      ...(finding.score === undefined ? {} : { score: finding.score }),
      ...(finding.reason === undefined ? {} : { reason: finding.reason }),
      latency_ms: performance.now() - started,
    };
  } catch (error) {
    if (run.signal?.aborted) throw run.signal.reason;
    return { ...base, triggered: guard.onError === "closed", latency_ms: performance.now() - started, error: describeError(error) };
  }
}
