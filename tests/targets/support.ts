import { createTransport, type Transport } from "../../src/providers/index.js";
import type { TargetContext } from "../../src/targets/index.js";

/** A trial context as the runner builds it. */
export function trialContext(overrides: Partial<TargetContext> = {}): TargetContext {
  return { runId: "run-1", caseId: "case-1", trial: 0, signal: new AbortController().signal, ...overrides };
}

/** A transport whose waits between retries are recorded instead of slept. */
export function recordingTransport(maxAttempts = 3): { transport: Transport; sleeps: number[] } {
  const sleeps: number[] = [];
  const transport = createTransport({
    maxAttempts,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { transport, sleeps };
}
