import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import pLimit from "p-limit";
import { configHash } from "../config/index.js";
import { EvalgateError, errorMessage } from "../errors.js";
import {
  dropTruncatedTail,
  openResultsWriter,
  readManifest,
  readResults,
  RESULTS_SCHEMA_VERSION,
  runPaths,
  trialOutcome,
  writeJsonAtomic,
  writeManifest,
  type RunManifest,
  type TrialRecord,
} from "../log/index.js";
import { formatSummaryMarkdown, summarize } from "../report/index.js";
import { pushRunToMlflow, type PushProgress } from "../tracking/index.js";
import { VERSION } from "../version.js";
import { executeTrial } from "./execute-trial.js";
import { gitInfo } from "./git-info.js";
import { loadSuite, type Suite } from "./load-suite.js";
import type { Progress, RunReporter, RunResult, TrackingOutcome } from "./reporter.js";
import { createRunId } from "./run-id.js";

export interface RunOptions {
  /** Path to evalgate.yaml. With `resume`, defaults to the suite the run was started from. */
  configFile?: string;
  /** Run directories go under here; default `./reports`. */
  reportsDir?: string;
  /** Continue this run: only trials missing from its results.jsonl run. */
  resume?: string;
  /** Aborting stops scheduling trials; finished trials are already on disk. */
  signal?: AbortSignal;
  reporters?: readonly RunReporter[];
  /**
   * "auto" (default): log a completed run to MLflow when the suite has a
   * `tracking.mlflow` block or MLFLOW_TRACKING_URI is set. "off": never.
   */
  tracking?: "auto" | "off";
  /** Judges skip the response cache (`--no-cache`). */
  noCache?: boolean;
  /** Serve model-backed targets from the response cache (each trial index keeps its own entry). */
  cacheTargets?: boolean;
  /** CLI overrides of the suite's values. */
  repeats?: number;
  concurrency?: number;
}

/** Runs a suite (or resumes a run) and returns its summary. The CLI only calls this. */
export async function runSuite(options: RunOptions): Promise<RunResult> {
  const reportsDir = resolve(options.reportsDir ?? "reports");
  const signal = options.signal ?? new AbortController().signal;
  const reporters = options.reporters ?? [];

  const previous = options.resume ? await readManifest(runPaths(reportsDir, options.resume)) : undefined;
  const configFile = options.configFile ?? previous?.suite_file;
  if (!configFile) throw new EvalgateError("CONFIG_INVALID", "No suite given: pass the path to an evalgate.yaml.");
  const suite = await loadSuite(resolve(configFile), {
    cacheTargets: options.cacheTargets === true,
    noCache: options.noCache === true,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  const repeats = previous?.repeats ?? options.repeats ?? suite.config.repeats;
  const concurrency = options.concurrency ?? suite.config.concurrency;

  const runId = previous?.run_id ?? createRunId(suite.config.name);
  const paths = runPaths(reportsDir, runId);
  // prepare() checks credentials and resolves endpoints (filling target.info) before anything is recorded.
  await suite.target.prepare?.();
  await suite.judges?.prepare();
  const manifest = previous
    ? await resumedManifest(previous, suite)
    : await newManifest(runId, suite, repeats, concurrency);
  await dropTruncatedTail(paths.results);
  const { trials: recorded } = await readResults(paths.results);
  await writeManifest(paths, { ...manifest, status: "running" });

  const done = new Set(recorded.map(trialKey));
  const pending = suite.cases.flatMap((testCase) =>
    Array.from({ length: repeats }, (_, trial) => ({ testCase, trial })).filter((t) => !done.has(trialKey({ case_id: t.testCase.id, trial: t.trial }))),
  );
  const total = suite.cases.length * repeats;
  const progress: Progress = { done: total - pending.length, total, errors: recorded.filter((t) => trialOutcome(t) === "error").length, elapsedMs: 0 };
  for (const reporter of reporters) reporter.onRunStart?.({ runId, runDir: paths.dir, manifest, alreadyDone: progress.done, total });

  const writer = await openResultsWriter(paths.results);
  const fresh: TrialRecord[] = [];
  const started = performance.now();
  const limit = pLimit(concurrency);
  try {
    await Promise.all(
      pending.map(({ testCase, trial }) =>
        limit(async () => {
          if (signal.aborted) return;
          const record = await executeTrial(testCase, trial, {
            runId,
            target: suite.target,
            checks: suite.checks,
            ...(suite.judges ? { judge: suite.judges.run } : {}),
            timeoutMs: suite.config.timeout_ms,
            signal,
            warn: (message) => {
              for (const reporter of reporters) reporter.onWarning?.(message);
            },
          });
          if (!record) return;
          await writer.append(record);
          fresh.push(record);
          progress.done++;
          if (trialOutcome(record) === "error") progress.errors++;
          progress.elapsedMs = performance.now() - started;
          for (const reporter of reporters) reporter.onTrialEnd?.(record, { ...progress });
        }),
      ),
    );
  } finally {
    await writer.close();
    await suite.target.close?.();
  }

  const trials = [...recorded, ...fresh];
  const finished: RunManifest = {
    ...manifest,
    status: signal.aborted ? "interrupted" : "completed",
    ended_at: new Date().toISOString(),
  };
  await writeManifest(paths, finished);
  const summary = summarize(finished, trials);
  await writeJsonAtomic(paths.summary, summary);
  await writeFile(paths.reportMarkdown, formatSummaryMarkdown(summary));
  const tracking =
    finished.status === "completed" && options.tracking !== "off" ? await trackRun(paths.dir, suite.config, reporters) : undefined;
  const result: RunResult = {
    runId,
    runDir: paths.dir,
    manifest: finished,
    trials,
    summary,
    allowedErrorRate: suite.config.max_error_rate,
    ...(tracking ? { tracking } : {}),
  };
  for (const reporter of reporters) reporter.onRunEnd?.(result);
  return result;
}

/** MLflow is a copy of the local run: its failure is reported, never fatal to the results already on disk. */
async function trackRun(runDir: string, config: Suite["config"], reporters: readonly RunReporter[]): Promise<TrackingOutcome | undefined> {
  if (!config.tracking?.mlflow && !process.env.MLFLOW_TRACKING_URI) return undefined;
  try {
    const onProgress = (progress: PushProgress) => {
      for (const reporter of reporters) reporter.onPushProgress?.(progress);
    };
    const pushed = await pushRunToMlflow({ runDir, ...(config.tracking ? { tracking: config.tracking } : {}), onProgress });
    return { ok: true, mlflowRunId: pushed.mlflowRunId, url: pushed.url, warnings: pushed.warnings };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

function trialKey(t: { case_id: string; trial: number }): string {
  return JSON.stringify([t.case_id, t.trial]);
}

async function newManifest(runId: string, suite: Suite, repeats: number, concurrency: number): Promise<RunManifest> {
  const { config } = suite;
  return {
    schema_version: RESULTS_SCHEMA_VERSION,
    run_id: runId,
    suite: config.name,
    suite_file: config.configFile,
    config_hash: configHash(config),
    status: "running",
    started_at: new Date().toISOString(),
    evalgate_version: VERSION,
    target: suite.target.info,
    datasets: suite.dataset.files,
    repeats,
    concurrency,
    case_ids: suite.cases.map((c) => c.id),
    checks: suite.checks.map((c) => ({ id: c.id, type: c.type })),
    judges: suite.judges?.manifestEntries() ?? [],
    git: await gitInfo(config.configDir),
  };
}

/** A resumed run must be the same experiment: same config and same data, or its trials would not be comparable. */
async function resumedManifest(previous: RunManifest, suite: Suite): Promise<RunManifest> {
  const hash = configHash(suite.config);
  const changedData = suite.dataset.files.filter((f) => !previous.datasets.some((d) => d.file === f.file && d.sha256 === f.sha256));
  const versions = (judges: RunManifest["judges"]) => JSON.stringify(judges.map((j) => [j.id, j.version]).sort());
  const changedJudges = versions(suite.judges?.manifestEntries() ?? []) !== versions(previous.judges);
  if (hash !== previous.config_hash || changedData.length > 0 || changedJudges) {
    const what =
      hash !== previous.config_hash
        ? `the suite config ${suite.config.configFile}`
        : changedData.length > 0
          ? `the dataset ${changedData.map((f) => f.file).join(", ")}`
          : "a judge (its version: template, examples, model or temperature)";
    throw new EvalgateError(
      "CONFIG_INVALID",
      `Cannot resume run ${previous.run_id}: ${what} changed since it started, so old and new trials would not be comparable. Start a new run instead.`,
    );
  }
  return previous;
}
