import { join } from "node:path";
import { readResults, type TrialRecord } from "../../src/log/index.js";

/** The trials a run wrote, as results.jsonl holds them (RunResult keeps none in memory). */
export async function recordedTrials(result: { runDir: string }): Promise<TrialRecord[]> {
  return (await readResults(join(result.runDir, "results.jsonl"))).trials;
}
