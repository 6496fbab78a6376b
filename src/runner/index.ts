export { runSuite, type RunOptions } from "./run-suite.js";
export { buildSuite, loadSuite, type LoadSuiteOptions, type Suite } from "./load-suite.js";
export { executeTrial, type JudgeRequest, type JudgeStep, type TrialDeps } from "./execute-trial.js";
export type { Progress, RunReporter, RunResult, RunStartInfo, TrackingOutcome } from "./reporter.js";
export { createRunId } from "./run-id.js";
export { finalizeRun, type FinalizedRun, type FinalizeRunOptions } from "./finalize-run.js";
export { mergeRuns, type MergeRunsOptions, type MergedRun } from "./merge-runs.js";
export { parseShard, selectShard, shardOf, formatShard, type ShardSpec } from "./shard.js";
