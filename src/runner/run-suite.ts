import { resolve } from "node:path";
import { EvalgateError, formatDatasetIssue, WriteFailedError } from "../errors.js";
import {
  acquireRunLock,
  createTrialKeySet,
  dropTruncatedTail,
  forEachTrial,
  makeDirectory,
  openResultsWriter,
  readManifest,
  runPaths,
  trialOutcome,
  writeFailure,
  writeManifest,
  type RunLock,
  type RunManifest,
  type RunPaths,
  type TrialKeySet,
} from "../log/index.js";
import { createRedactor, type Redactor } from "../secrets/index.js";
import { createAbortFanout } from "./abort-fanout.js";
import { executeTrial } from "./execute-trial.js";
import { finalizeRun } from "./finalize-run.js";
import { loadSuite, type Suite } from "./load-suite.js";
import { newManifest, resumedManifest } from "./manifest.js";
import type { Progress, RunReporter, RunResult } from "./reporter.js";
import { createRunId } from "./run-id.js";
import type { ShardSpec } from "./shard.js";
import { shardSuite } from "./shard-suite.js";

export interface RunOptions {
  /** Path to evalgate.yaml. With `resume`, defaults to the suite the run was started from. */
  configFile?: string;
  /**
   * A suite already loaded or built in code (`evalgate score`, `describeEval`):
   * used instead of loading `configFile`. Build it with the `secrets` redactor
   * below so credentials its providers read are redacted from the run.
   */
  suite?: Suite;
  /** The redactor the prebuilt `suite` was loaded with; default a new one. */
  secrets?: Redactor;
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
  /** Recorded in run.json: the production records a scored run replays (`evalgate score`). */
  source?: RunManifest["source"];
  /** CLI overrides of the suite's values. */
  repeats?: number;
  concurrency?: number;
  /** Run only this shard's cases (`--shard 2/4`): chosen by a stable hash of the case id. A resumed run keeps its own. */
  shard?: ShardSpec;
}

/**
 * Runs a suite (or resumes a run) and returns its summary. The CLI only calls this.
 * One redactor per run is fed every secret as targets and providers resolve it;
 * everything written, returned or thrown passes through it.
 */
export async function runSuite(options: RunOptions): Promise<RunResult> {
  const secrets = options.secrets ?? createRedactor();
  try {
    return await runRedacted(options, secrets);
  } catch (error) {
    throw secrets.error(error);
  }
}

async function runRedacted(options: RunOptions, secrets: Redactor): Promise<RunResult> {
  const reportsDir = resolve(options.reportsDir ?? "reports");
  const signal = options.signal ?? new AbortController().signal;

  const previous = options.resume ? await readManifest(runPaths(reportsDir, options.resume)) : undefined;
  if (previous?.source && !options.suite) {
    throw new EvalgateError(
      "CONFIG_INVALID",
      `Run ${previous.run_id} scored recorded outputs from ${previous.source.uri}, so evalgate run cannot resume it (it would call the suite's target). Score again with evalgate score --from ${previous.source.uri}: records already written back are skipped.`,
    );
  }
  const sharded = shardSuite(options.suite ?? (await loadSuiteFor(options, previous, secrets)), options.shard, previous);
  const suite = sharded.suite;
  const repeats = previous?.repeats ?? options.repeats ?? suite.config.repeats;
  const concurrency = options.concurrency ?? suite.config.concurrency;

  const runId = previous?.run_id ?? createRunId(suite.config.name);
  const paths = runPaths(reportsDir, runId);
  // prepare() checks credentials and resolves endpoints (filling target.info) before anything is recorded.
  await suite.target.prepare?.();
  await suite.judges?.prepare();
  // Everything below writes to the run directory: one process at a time.
  await makeDirectory(paths.dir);
  const lock = await acquireRunLock(paths.dir, runId);
  try {
    const manifest = secrets.value(
      previous
        ? await resumedManifest(previous, suite, concurrency)
        : { ...(await newManifest(runId, suite, repeats, concurrency, options.source)), ...(sharded.shard ? { shard: sharded.shard } : {}) },
    );
    return await runTrials({ options, suite, paths, manifest, lock, signal, concurrency, secrets });
  } finally {
    await suite.target.close?.();
    await lock.release();
  }
}

async function loadSuiteFor(options: RunOptions, previous: RunManifest | undefined, secrets: Redactor): Promise<Suite> {
  const configFile = options.configFile ?? previous?.suite_file;
  if (!configFile) throw new EvalgateError("CONFIG_INVALID", "No suite given: pass the path to an evalgate.yaml.");
  return loadSuite(resolve(configFile), {
    cacheTargets: options.cacheTargets === true,
    noCache: options.noCache === true,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    secrets,
  });
}

interface TrialsRun {
  options: RunOptions;
  suite: Suite;
  paths: RunPaths;
  manifest: RunManifest;
  lock: RunLock;
  signal: AbortSignal;
  concurrency: number;
  secrets: Redactor;
}

/**
 * Runs the missing trials and records them. The first write that fails stops
 * the run: nothing more is scheduled, trials in flight are aborted (their
 * results could not be kept anyway), and run.json says `failed` with the reason.
 */
async function runTrials({ options, suite, paths, manifest, lock, signal, concurrency, secrets }: TrialsRun): Promise<RunResult> {
  const reporters = options.reporters ?? [];
  const { run_id: runId, repeats } = manifest;
  await dropTruncatedTail(paths.results);
  const recorded = await recordedTrials(paths.results);
  const { failure: _failure, ...unfinished } = manifest;
  await writeManifest(paths, { ...unfinished, status: "running", writer: { pid: lock.info.pid, host: lock.info.host } });

  // Pulled one at a time by the workers, so memory does not grow with the number of trials.
  function* pendingTrials(): Generator<{ testCase: Suite["cases"][number]; trial: number }> {
    for (const testCase of suite.cases) {
      for (let trial = 0; trial < repeats; trial++) if (!recorded.keys.has(testCase.id, trial)) yield { testCase, trial };
    }
  }
  let alreadyDone = 0;
  for (const testCase of suite.cases) for (let trial = 0; trial < repeats; trial++) if (recorded.keys.has(testCase.id, trial)) alreadyDone++;
  const total = suite.cases.length * repeats;
  const progress: Progress = { done: alreadyDone, total, errors: recorded.errors, elapsedMs: 0 };
  const warnings = suite.dataset.warnings.map(formatDatasetIssue);
  for (const reporter of reporters) reporter.onRunStart?.({ runId, runDir: paths.dir, manifest, alreadyDone: progress.done, total, warnings });

  const stop = new AbortController();
  const forward = () => stop.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener("abort", forward, { once: true });
  let writeError: WriteFailedError | undefined;

  const writer = await openResultsWriter(paths.results);
  let fresh = 0;
  const started = performance.now();
  const queue = pendingTrials();
  const trialSignals = createAbortFanout(stop.signal);
  const runTrial = async ({ testCase, trial }: { testCase: Suite["cases"][number]; trial: number }) => {
    const own = trialSignals.child();
    const record = await executeTrial(testCase, trial, {
      runId,
      target: suite.target,
      checks: suite.checks,
      ...(suite.judges ? { judge: suite.judges.run } : {}),
      ...(suite.guardrails ? { guardrails: suite.guardrails } : {}),
      timeoutMs: suite.config.timeout_ms,
      signal: own.signal,
      redactor: secrets,
      warn: (message) => {
        for (const reporter of reporters) reporter.onWarning?.(message);
      },
    }).finally(own.release);
    if (!record || writeError) return;
    try {
      await writer.append(record);
    } catch (error) {
      writeError ??= writeFailure(error, paths.results);
      stop.abort(writeError);
      return;
    }
    fresh++;
    progress.done++;
    if (trialOutcome(record) === "error") progress.errors++;
    progress.elapsedMs = performance.now() - started;
    for (const reporter of reporters) reporter.onTrialEnd?.(record, { ...progress });
  };
  // A fixed pool of workers pulling from the lazy queue: at most `concurrency` trials exist at once.
  const worker = async () => {
    for (let next = queue.next(); !next.done && !stop.signal.aborted; next = queue.next()) await runTrial(next.value);
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    signal.removeEventListener("abort", forward);
    trialSignals.close();
    await writer.close();
  }

  const { writer: _writer, ...ended } = manifest;
  if (writeError) {
    const reason = `${writeError.message}; the run stopped with ${recorded.trials + fresh} of ${total} trials on disk. Free space or fix the permissions, then resume with: evalgate run --resume ${runId}`;
    // Best effort: on a full or read-only disk run.json may not be writable either; the released lock then marks the run crashed, which resumes the same way.
    await writeManifest(paths, { ...ended, status: "failed", failure: writeError.message, ended_at: new Date().toISOString() }).catch(() => undefined);
    throw new WriteFailedError(writeError.file, writeError.reason, { cause: writeError, message: reason });
  }
  const finished: RunManifest = {
    ...ended,
    status: signal.aborted ? "interrupted" : "completed",
    ended_at: new Date().toISOString(),
  };
  await writeManifest(paths, finished);
  const { summary, tracking } = await finalizeRun({
    paths,
    manifest: finished,
    tracking: suite.config.tracking,
    trackingMode: options.tracking ?? "auto",
    reporters,
    secrets,
  });
  const result: RunResult = {
    runId,
    runDir: paths.dir,
    manifest: finished,
    summary,
    allowedErrorRate: suite.config.max_error_rate,
    ...(tracking ? { tracking } : {}),
  };
  for (const reporter of reporters) reporter.onRunEnd?.(result);
  return result;
}

/** The (case, trial) pairs already in the log, read in one streaming pass, and how many of them errored. */
async function recordedTrials(file: string): Promise<{ keys: TrialKeySet; trials: number; errors: number }> {
  let keys = createTrialKeySet();
  let errors = 0;
  await forEachTrial(file, () => {
    keys = createTrialKeySet();
    errors = 0;
    return (record, latest) => {
      if (!latest) return;
      keys.add(record.case_id, record.trial, 0);
      if (trialOutcome(record) === "error") errors++;
    };
  });
  return { keys, trials: keys.size, errors };
}
