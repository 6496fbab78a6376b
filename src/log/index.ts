export * from "./schema.js";
export { trialOutcome } from "./outcome.js";
export { migrateTrialLine } from "./migrate.js";
export {
  dropTruncatedTail,
  openResultsWriter,
  readManifest,
  readResults,
  readRun,
  runPaths,
  runPathsIn,
  writeFileDurably,
  writeJsonAtomic,
  writeManifest,
  writeStreamDurably,
  type ReadResults,
  type ResultsWriter,
  type RunData,
  type RunPaths,
} from "./store.js";
export { parseJsonlLine, parseJsonlObjects, type JsonlParse, type JsonlRow } from "./jsonl.js";
export { duplicateTrials, orderTrials, visitLatest, type OrderedTrials } from "./order-trials.js";
export { forEachTrial, readLatestLines, readResultLines, type ResultLine, type ResultsScan, type ResultsTail, type TrialSink } from "./read-results.js";
export { createTrialKeySet, type DuplicateTrial, type TrialKeySet } from "./trial-keys.js";
export { acquireRunLock, readRunLock, RUN_LOCK_FILE, writerState, type RunLock, type RunLockInfo, type WriterState } from "./run-lock.js";
export { checkRunHealth, type RunHealth } from "./run-health.js";
export { makeDirectory, writeFailure } from "./write-failure.js";
