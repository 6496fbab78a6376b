import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { loadConfig, type ResolvedConfig } from "../config/index.js";
import { errorMessage, EvalgateError } from "../errors.js";
import { makeDirectory, readRun, runPaths, writeFailure, writeManifest, RESULTS_SCHEMA_VERSION, type RunManifest, type TrialRecord } from "../log/index.js";
import type { Summary } from "../report/index.js";
import { createRedactor } from "../secrets/index.js";
import { finalizeRun } from "./finalize-run.js";
import { checkComplete, checkSameExperiment, checkShard, mergedCaseOrder, type ShardRun } from "./internal/merge-checks.js";
import type { RunReporter, TrackingOutcome } from "./reporter.js";
import { createRunId } from "./run-id.js";

export interface MergeRunsOptions {
  /** The shard runs' directories (reports/<run-id>), one per shard, in any order. */
  runDirs: readonly string[];
  /** The merged run's directory goes under here; default `./reports`. */
  reportsDir?: string;
  /**
   * The suite whose `tracking:` block and labels/ folder apply; default the
   * shards' suite_file (it may not exist where shards were run elsewhere).
   */
  suiteFile?: string;
  /** "auto" (default): log to MLflow when the suite's tracking block or MLFLOW_TRACKING_URI says so. */
  tracking?: "auto" | "off";
  reporters?: readonly RunReporter[];
}

export interface MergedRun {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  summary: Summary;
  tracking?: TrackingOutcome;
  /** The suite's max_error_rate, when its file could be read: above it the merged run counts as failed, as `evalgate run` would. */
  allowedErrorRate?: number;
  /** Things that do not stop the merge (shards from different git commits, no suite file), one line each. */
  warnings: string[];
}

/**
 * Combines the shard runs of one suite (`evalgate run --shard i/n`, every i)
 * into one run: its results.jsonl holds every trial in the unsharded order,
 * so its summary, reports and MLflow run are those of the unsharded run over
 * the same trials. Refuses shards of different experiments, missing, repeated
 * or overlapping shards, and shards not completed.
 */
export async function mergeRuns(options: MergeRunsOptions): Promise<MergedRun> {
  if (options.runDirs.length === 0) throw new EvalgateError("CONFIG_INVALID", "Nothing to merge: pass the run directory of every shard.");
  const warnings: string[] = [];
  const shards: ShardRun[] = [];
  for (const dir of options.runDirs) {
    const run = await readRun(resolve(dir));
    warnings.push(...run.health.warnings);
    shards.push(checkShard(run));
  }
  checkSameExperiment(shards);
  for (const shard of shards) checkComplete(shard);
  const caseIds = mergedCaseOrder(shards);
  shards.sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);

  const suiteFile = resolve(options.suiteFile ?? shards[0]!.manifest.suite_file);
  const config = await configOf(suiteFile, options.suiteFile !== undefined, warnings);
  const manifest = mergedManifest(shards, caseIds, suiteFile, warnings);
  const paths = runPaths(resolve(options.reportsDir ?? "reports"), manifest.run_id);
  await makeDirectory(paths.dir);
  await writeResults(paths.results, canonicalTrials(shards, caseIds, manifest.run_id));
  // run.json last: until it exists the directory is not a run, so a crash mid-merge leaves nothing to misread.
  await writeManifest(paths, manifest);
  const finalized = await finalizeRun({
    paths,
    manifest,
    ...(config?.tracking ? { tracking: config.tracking } : {}),
    trackingMode: options.tracking ?? "auto",
    reporters: options.reporters ?? [],
    secrets: createRedactor(),
  });
  return {
    runId: manifest.run_id,
    runDir: paths.dir,
    manifest,
    summary: finalized.summary,
    ...(finalized.tracking ? { tracking: finalized.tracking } : {}),
    ...(config ? { allowedErrorRate: config.max_error_rate } : {}),
    warnings,
  };
}

/** The merged run's manifest: the shards' common fields, the union of their cases, the span of their times. */
function mergedManifest(shards: readonly ShardRun[], caseIds: string[], suiteFile: string, warnings: string[]): RunManifest {
  const first = shards[0]!.manifest;
  const starts = shards.map((s) => s.manifest.started_at).sort();
  const ends = shards.map((s) => s.manifest.ended_at ?? s.manifest.started_at).sort();
  const gits = new Set(shards.map((s) => JSON.stringify(s.manifest.git ?? null)));
  if (gits.size > 1) warnings.push(`the shards ran from different git states (${[...gits].join(" vs ")}); the merged run records none.`);
  return {
    schema_version: RESULTS_SCHEMA_VERSION,
    run_id: createRunId(first.suite),
    suite: first.suite,
    suite_file: suiteFile,
    config_hash: first.config_hash,
    status: "completed",
    started_at: starts[0]!,
    ended_at: ends[ends.length - 1]!,
    evalgate_version: first.evalgate_version,
    target: first.target,
    datasets: first.datasets,
    repeats: first.repeats,
    // Concurrency is per process; the largest shard's value is what one machine would need for the same pace per shard.
    concurrency: Math.max(...shards.map((s) => s.manifest.concurrency)),
    case_ids: caseIds,
    checks: first.checks,
    judges: first.judges,
    ...(gits.size === 1 && first.git ? { git: first.git } : {}),
    ...(first.files ? { files: first.files } : {}),
    merged_from: shards.map(({ manifest: m }) => ({
      run_id: m.run_id,
      shard: { index: m.shard.index, count: m.shard.count },
      started_at: m.started_at,
      ...(m.ended_at ? { ended_at: m.ended_at } : {}),
    })),
  };
}

/** Every trial in the unsharded order (case order, then trial), now belonging to the merged run. */
function* canonicalTrials(shards: readonly ShardRun[], caseIds: readonly string[], runId: string): Generator<TrialRecord> {
  const byCase = new Map<string, TrialRecord[]>();
  for (const shard of shards) {
    for (const trial of shard.trials) {
      const list = byCase.get(trial.case_id);
      if (list) list.push(trial);
      else byCase.set(trial.case_id, [trial]);
    }
  }
  for (const caseId of caseIds) {
    for (const trial of (byCase.get(caseId) ?? []).sort((a, b) => a.trial - b.trial)) yield { ...trial, run_id: runId };
  }
}

/** One buffered pass and one fsync: the trials are already safe in the shards, so per-line syncs buy nothing. */
async function writeResults(file: string, trials: Iterable<TrialRecord>): Promise<void> {
  try {
    const handle = await open(file, "wx");
    try {
      let chunk = "";
      for (const trial of trials) {
        chunk += `${JSON.stringify(trial)}\n`;
        if (chunk.length > 1 << 20) {
          await handle.write(chunk);
          chunk = "";
        }
      }
      await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw writeFailure(error, file);
  }
}

/** The suite (its tracking: block, max_error_rate); a suite file missing here (shards run elsewhere) leaves MLFLOW_TRACKING_URI alone. */
async function configOf(suiteFile: string, given: boolean, warnings: string[]): Promise<ResolvedConfig | undefined> {
  try {
    return await loadConfig(suiteFile);
  } catch (error) {
    if (given) throw error;
    warnings.push(`cannot read the shards' suite ${suiteFile} (${errorMessage(error)}); MLflow is used only if MLFLOW_TRACKING_URI is set. Pass --suite to use the suite's tracking: block.`);
    return undefined;
  }
}
