// A module target that does nothing but wait a fixed time, so any run time
// beyond calls × latency / concurrency is the harness's own overhead. At
// 0 ms it answers at once, without a timer, and only the harness is left.
import { setTimeout as sleep } from "node:timers/promises";

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? "20");

export default async function sleepTarget(input, ctx) {
  if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: ctx.signal });
  return {
    output: `answer to ${String(input)} [doc-1]`,
    trace: { context: [{ id: "doc-1", text: "stand-in document" }], usage: { input_tokens: 12, output_tokens: 8 } },
  };
}
