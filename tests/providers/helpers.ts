import { createHostLimits } from "../../src/providers/internal/host-limits.js";
import { createTransport, type Transport } from "../../src/providers/transport.js";

/** A transport with its own host limits and a sleep that records instead of waiting. */
export function testTransport(options: { timeoutMs?: number; maxAttempts?: number } = {}): { transport: Transport; sleeps: number[] } {
  const sleeps: number[] = [];
  const transport = createTransport({
    hostLimits: createHostLimits(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { transport, sleeps };
}
