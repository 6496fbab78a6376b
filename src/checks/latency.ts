import type { CheckConfigOf } from "../config/index.js";
import { fail, pass } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

/** Passes when the target answered within `maxMs` (the limit itself included). */
export function scoreLatency(latencyMs: number, maxMs: number): CheckVerdict {
  const took = `took ${Number.isInteger(latencyMs) ? latencyMs : latencyMs.toFixed(1)} ms`;
  return latencyMs <= maxMs ? pass(`${took} (limit ${maxMs} ms)`) : fail(`${took}, limit ${maxMs} ms`);
}

export function latencyCheck(config: CheckConfigOf<"latency">): CheckRun {
  return (input) => scoreLatency(input.latencyMs, config.max_ms);
}
