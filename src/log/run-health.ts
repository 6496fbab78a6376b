import { readRunLock, writerState, type WriterState } from "./run-lock.js";
import type { RunManifest } from "./schema.js";
import type { DuplicateTrial } from "./trial-keys.js";

/**
 * What a reader should know before trusting a run: whether it is still being
 * written or crashed, and whether its log holds a trial twice. Warnings are
 * one line each, ready to print.
 */
export interface RunHealth {
  /** For a `running` run: is its writer alive, gone (crashed) or on another host? */
  writer?: WriterState;
  warnings: string[];
}

/** `duplicates`: from forEachTrial, or duplicateTrials over records in memory. */
export async function checkRunHealth(dir: string, manifest: RunManifest, duplicates: readonly DuplicateTrial[]): Promise<RunHealth> {
  const warnings: string[] = [];
  let writer: WriterState | undefined;
  if (manifest.status === "running") {
    const lock = (await readRunLock(dir)) ?? manifest.writer;
    writer = lock ? writerState(lock) : "gone";
    const resume = `evalgate run --resume ${manifest.run_id}`;
    if (writer === "alive") warnings.push(`run ${manifest.run_id} is still running (pid ${lock!.pid}); these are the trials recorded so far.`);
    else if (writer === "gone") warnings.push(`run ${manifest.run_id} crashed: it says "running" but its process${lock ? ` (pid ${lock.pid})` : ""} is gone; resume it with: ${resume}`);
    else warnings.push(`run ${manifest.run_id} says "running" on host ${lock!.host} (pid ${lock!.pid}); it is live there, or crashed.`);
  }
  if (duplicates.length > 0) {
    const lines = duplicates.reduce((sum, d) => sum + d.extra, 0);
    const first = duplicates[0]!;
    warnings.push(
      `results.jsonl of run ${manifest.run_id} holds ${lines} duplicate (case, trial) line${lines === 1 ? "" : "s"} (first: case "${first.caseId}" trial ${first.trial}); the later line of each is used. Two processes probably wrote this run at once.`,
    );
  }
  return { ...(writer ? { writer } : {}), warnings };
}
