import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { userInfo } from "node:os";
import { basename, join } from "node:path";
import type { TrackingConfig } from "../config/tracking-schema.js";
import { EvalgateError, errorMessage } from "../errors.js";
import { checkRunHealth, forEachTrial, readLatestLines, readManifest, runPathsIn, type ResultsScan, type RunManifest, type TrialRecord } from "../log/index.js";
import { createSummaryAggregator, mapPageData } from "../report/index.js";
import { resolveMlflowConnection, type DatabricksAuthResolver, type Env, type SuiteTracking } from "./connection.js";
import { logTraces, type TraceProgress } from "./internal/log-traces.js";
import { retryPushCommand } from "./internal/retry-command.js";
import { createUploadRedactor, scanRunDirForTokens, type UploadRedactor } from "./internal/upload-redaction.js";
import { loadSuiteTracking } from "./internal/suite-tracking.js";
import { createMlflowClient, type MlflowClient, type MlflowClientOptions, type Run, type RunStatus } from "./mlflow-client.js";
import { buildRunPayload, datasetDigest, RUN_ID_TAG, runUser } from "./run-payload.js";
import { buildTrialTrace } from "./trace-payload.js";

/** Set last: a run without it is a push that died midway and is redone. */
export const PUSH_COMPLETE_TAG = "evalgate.push_complete";
export const EXPERIMENT_KIND_TAG = "mlflow.experimentKind";

/** Run-dir files logged as artifacts, those that exist. */
const ARTIFACT_FILES = ["run.json", "results.jsonl", "summary.json", "report.md", "report.html", "results.csv"] as const;
/** Artifacts that grow with the run: read and redacted line by line. */
const LINE_FILES = new Set<string>(["results.jsonl", "results.csv"]);

export interface PushRunOptions {
  /** A run directory: reports/<run-id>/. */
  runDir: string;
  /** Wins over MLFLOW_TRACKING_URI and the suite config. */
  trackingUri?: string;
  /** Wins over the suite config and MLFLOW_EXPERIMENT_NAME; default: the suite name. */
  experiment?: string;
  /**
   * The suite's `tracking:` block. Default: read from the suite file named in
   * run.json, when it still exists and the options above leave anything open.
   */
  tracking?: TrackingConfig;
  env?: Env;
  /** Logged as given, e.g. judge alignment metrics (`<judge>/tpr`, `/tnr`, `/kappa`, `/corrected_mean`). */
  extraMetrics?: Readonly<Record<string, number>>;
  databricksAuth?: DatabricksAuthResolver;
  client?: MlflowClientOptions;
  /** Called after each chunk of traces, e.g. to show upload progress on stderr. */
  onProgress?: (progress: PushProgress) => void;
}

export type PushProgress = TraceProgress;

export interface PushRunResult {
  experimentId: string;
  mlflowRunId: string;
  /** False when this local run had already been pushed: nothing was logged again. */
  created: boolean;
  /** Non-fatal problems (truncated values, traces not logged); the run itself is complete. */
  warnings: string[];
  /** The run's page in the MLflow UI. */
  url: string;
}

/**
 * Logs a finished local run to MLflow: params, metrics, tags, datasets,
 * artifacts, one trace per trial with its assessments. Idempotent: a run
 * already pushed (found by tag evalgate.run_id) is returned as is. Never
 * writes to or deletes anything in the run directory; failures throw an
 * EvalgateError with code TRACKING_FAILED.
 */
export async function pushRunToMlflow(options: PushRunOptions): Promise<PushRunResult> {
  const env = options.env ?? process.env;
  const paths = runPathsIn(options.runDir);
  const manifest = await readManifest(paths);
  const suite = await suiteTrackingFor(options, manifest, env);
  const connection = await resolveMlflowConnection({
    ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
    ...(suite ? { suite } : {}),
    env,
    ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}),
  });
  const client = createMlflowClient(connection, options.client);
  const experimentName = options.experiment ?? suite?.tracking?.mlflow?.experiment ?? nonEmpty(env.MLFLOW_EXPERIMENT_NAME) ?? manifest.suite;
  const redact = createUploadRedactor(env);
  // One streaming pass for the summary and the params; the traces are built in a second one, chunk by chunk.
  const models = new Set<string>();
  let aggregator = createSummaryAggregator(manifest);
  const scan = await forEachTrial(paths.results, () => {
    aggregator = createSummaryAggregator(manifest);
    return (trial, latest) => {
      aggregator.add(trial, latest);
      if (latest && typeof trial.trace?.model === "string") models.add(trial.trace.model);
    };
  });
  const summary = aggregator.finish();
  const warnings: string[] = [...(await checkRunHealth(options.runDir, manifest, scan.duplicates)).warnings];

  try {
    const experiment = await client.getOrCreateExperiment(experimentName);
    const experimentId = experiment.experiment_id;
    if (!experiment.tags.some((t) => t.key === EXPERIMENT_KIND_TAG)) {
      await client.setExperimentTag(experimentId, EXPERIMENT_KIND_TAG, "genai_development");
    }
    const runUrl = (runId: string) => `${connection.baseUrl}/#/experiments/${experimentId}/runs/${runId}`;

    const previous = await findPushedRun(client, experimentId, manifest.run_id);
    if (previous.complete) {
      return { experimentId, mlflowRunId: previous.complete.info.run_id, created: false, warnings, url: runUrl(previous.complete.info.run_id) };
    }
    for (const stale of previous.incomplete) {
      warnings.push(`MLflow run ${stale.info.run_id} was an interrupted push of ${manifest.run_id}; it was deleted with its traces and the run pushed again.`);
      // Traces outlive their run in MLflow: left behind, the experiment would hold two per trial.
      await client.deleteTracesOfRun(experimentId, stale.info.run_id);
      await client.deleteRun(stale.info.run_id);
    }

    warnings.push(...(await scanRunDirForTokens(options.runDir)));
    const user = runUser(env, () => userInfo().username);
    const payload = redact(buildRunPayload({ manifest, summary, targetModels: models, env, user, ...(options.extraMetrics ? { extraMetrics: options.extraMetrics } : {}) }));
    const run = await client.createRun({
      experimentId,
      runName: payload.runName,
      startTime: payload.startTime,
      tags: [{ key: RUN_ID_TAG, value: manifest.run_id }],
    });
    const mlflowRunId = run.info.run_id;

    const logged = await client.logBatch(mlflowRunId, { params: payload.params, tags: payload.tags, metrics: payload.metrics });
    warnings.push(...logged.warnings);
    await logDatasets(client, mlflowRunId, manifest);
    await uploadArtifacts(client, run, options.runDir, redact, JSON.stringify(summary, null, 2));
    const traces = latestTrials(paths.results, scan, (trial) => redact(buildTrialTrace(trial, { experimentId, mlflowRunId, user })));
    warnings.push(...(await logTraces({ client, experimentId, mlflowRunId, traces, total: scan.trials, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })));

    await client.logBatch(mlflowRunId, { params: [], metrics: [], tags: [{ key: PUSH_COMPLETE_TAG, value: "true" }] });
    await client.updateRun(mlflowRunId, mlflowStatus(manifest.status), payload.endTime);
    if (manifest.status === "running") warnings.push(`Run ${manifest.run_id} had not finished; MLflow shows it as KILLED with the trials recorded so far.`);
    return { experimentId, mlflowRunId, created: true, warnings, url: runUrl(mlflowRunId) };
  } catch (error) {
    if (error instanceof EvalgateError && error.code === "TRACKING_FAILED") throw error;
    throw new EvalgateError(
      "TRACKING_FAILED",
      `Logging run ${manifest.run_id} to MLflow at ${connection.baseUrl} failed: ${errorMessage(error)}\nThe local results in ${options.runDir} are intact; retry with: ${retryPushCommand({ runId: manifest.run_id, runDir: options.runDir, trackingUri: options.trackingUri, experiment: options.experiment })}`,
      { cause: error },
    );
  }
}

/** Same precedence as `evalgate run`: options > MLFLOW_TRACKING_URI > the suite's block (experiment: options > suite > env). */
async function suiteTrackingFor(options: PushRunOptions, manifest: RunManifest, env: Env): Promise<SuiteTracking | undefined> {
  if (options.tracking) return { file: manifest.suite_file, tracking: options.tracking };
  const settled = options.experiment !== undefined && (options.trackingUri !== undefined || nonEmpty(env.MLFLOW_TRACKING_URI) !== undefined);
  return settled ? undefined : loadSuiteTracking(manifest.suite_file, manifest.run_id);
}

async function findPushedRun(client: MlflowClient, experimentId: string, localRunId: string): Promise<{ complete?: Run; incomplete: Run[] }> {
  const { runs } = await client.searchRuns({ experimentIds: [experimentId], filter: `tags.\`${RUN_ID_TAG}\` = '${localRunId}'`, maxResults: 50 });
  const complete = runs.find((r) => r.data.tags.some((t) => t.key === PUSH_COMPLETE_TAG && t.value === "true"));
  return { ...(complete ? { complete } : {}), incomplete: runs.filter((r) => r !== complete) };
}

async function logDatasets(client: MlflowClient, runId: string, manifest: RunManifest): Promise<void> {
  if (manifest.datasets.length === 0) return;
  await client.logInputs(
    runId,
    manifest.datasets.map((d) => ({
      name: basename(d.file),
      digest: datasetDigest(d.sha256),
      sourceType: "local",
      source: JSON.stringify({ uri: d.file }),
      profile: JSON.stringify({ num_rows: d.cases }),
      tags: [{ key: "mlflow.data.context", value: "evaluation" }],
    })),
  );
}

/** The latest line of each (case, trial), mapped, in log order: one streaming pass that knows the duplicates from `scan`. */
async function* latestTrials<T>(file: string, scan: ResultsScan, map: (trial: TrialRecord) => T): AsyncGenerator<T> {
  for await (const { record, latest } of readLatestLines(file, scan)) if (latest) yield map(record);
}

async function uploadArtifacts(client: MlflowClient, run: Run, runDir: string, redact: UploadRedactor, computedSummary: string): Promise<void> {
  for (const name of ARTIFACT_FILES) {
    if (LINE_FILES.has(name)) {
      const bytes = await redactedLines(join(runDir, name), redact);
      if (bytes) await client.uploadArtifact(run, name, bytes);
      continue;
    }
    let text: string;
    try {
      text = await readFile(join(runDir, name), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // An older or interrupted run may lack summary.json; log the one the metrics came from.
      if (name !== "summary.json") continue;
      text = `${computedSummary}\n`;
    }
    // report.html carries the run compressed, out of reach of text redaction: redact its data itself.
    await client.uploadArtifact(run, name, redact(name === "report.html" ? mapPageData(text, redact) : text));
  }
}

/**
 * A line-oriented file redacted line by line into bytes: never one string,
 * which a large results.jsonl would not fit in. Undefined when it is absent.
 */
async function redactedLines(file: string, redact: UploadRedactor): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  try {
    const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
    for await (const line of lines) chunks.push(Buffer.from(`${redact(line)}\n`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return Buffer.concat(chunks);
}

function mlflowStatus(status: RunManifest["status"]): RunStatus {
  if (status === "completed") return "FINISHED";
  if (status === "failed") return "FAILED";
  return "KILLED";
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
