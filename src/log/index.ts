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
  writeJsonAtomic,
  writeManifest,
  type ReadResults,
  type ResultsWriter,
  type RunData,
  type RunPaths,
} from "./store.js";
export { parseJsonlObjects, type JsonlParse, type JsonlRow } from "./jsonl.js";
export { orderTrials, type OrderedTrials } from "./order-trials.js";
