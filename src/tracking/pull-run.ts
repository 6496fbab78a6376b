import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EvalgateError, errorMessage } from "../errors.js";
import { readRun, type RunData } from "../log/index.js";
import { resolveMlflowConnection, type DatabricksAuthResolver, type Env } from "./connection.js";
import { createMlflowClient, type MlflowClient, type MlflowClientOptions, type Run } from "./mlflow-client.js";
import { PUSH_COMPLETE_TAG } from "./push-run.js";
import { RUN_ID_TAG, SERVING_ENTITY_VERSION_TAG } from "./run-payload.js";

const REQUIRED_FILES = ["run.json", "results.jsonl"] as const;
const OPTIONAL_FILES = ["summary.json", "report.md", "report.html"] as const;

export interface MlflowAccess {
  trackingUri?: string;
  env?: Env;
  databricksAuth?: DatabricksAuthResolver;
  client?: MlflowClientOptions;
}

export interface PullRunOptions extends MlflowAccess {
  /** The MLflow run to pull; or give `filter` (+ `experiment`) to pull the newest match. */
  mlflowRunId?: string;
  /** An MLflow search filter, e.g. `tags.\`evalgate.serving.entity_version\` = '3'`. */
  filter?: string;
  /** Experiment name, required with `filter`. */
  experiment?: string;
  /** A reports directory: the run lands in <destDir>/<evalgate run id>/. */
  destDir: string;
}

export interface PullRunResult {
  mlflowRunId: string;
  runDir: string;
  files: string[];
  run: RunData;
}

/**
 * Downloads a pushed run's run.json, results.jsonl (and summary/report when
 * present) into a local run directory, so the gate and report commands can use
 * an MLflow run, e.g. the deployed model's, as their baseline.
 */
export async function pullRunFromMlflow(options: PullRunOptions): Promise<PullRunResult> {
  const client = await mlflowClientFor(options);
  let run: Run;
  if (options.mlflowRunId) {
    run = await client.getRun(options.mlflowRunId);
  } else if (options.filter && options.experiment) {
    const found = await findLatestFinishedRun(client, options.experiment, options.filter);
    if (!found) throw new EvalgateError("RUN_NOT_FOUND", `No finished evalgate run in MLflow experiment "${options.experiment}" matches: ${options.filter}`);
    run = found;
  } else {
    throw new EvalgateError("CONFIG_INVALID", "pullRunFromMlflow needs mlflowRunId, or filter together with experiment.");
  }
  const mlflowRunId = run.info.run_id;
  const localRunId = run.data.tags.find((t) => t.key === RUN_ID_TAG)?.value;
  if (!localRunId) {
    throw new EvalgateError("RUN_NOT_FOUND", `MLflow run ${mlflowRunId} was not pushed by evalgate (it has no ${RUN_ID_TAG} tag), so it has no results log to pull.`);
  }
  const runDir = join(options.destDir, localRunId);
  await mkdir(runDir, { recursive: true });
  const files: string[] = [];
  try {
    for (const name of [...REQUIRED_FILES, ...OPTIONAL_FILES]) {
      const bytes = await client.downloadArtifact(run, name);
      if (!bytes) {
        if ((REQUIRED_FILES as readonly string[]).includes(name)) {
          throw new EvalgateError("RUN_NOT_FOUND", `MLflow run ${mlflowRunId} has no ${name} artifact; push the run again with: evalgate mlflow push ${localRunId}`);
        }
        continue;
      }
      await writeFile(join(runDir, name), bytes);
      files.push(name);
    }
    return { mlflowRunId, runDir, files, run: await readRun(runDir) };
  } catch (error) {
    // A half-pulled directory would pass for a run; remove only what this call wrote.
    await Promise.all(files.map((name) => rm(join(runDir, name), { force: true })));
    if (error instanceof EvalgateError) throw error;
    throw new EvalgateError("TRACKING_FAILED", `Pulling MLflow run ${mlflowRunId} failed: ${errorMessage(error)}`, { cause: error });
  }
}

/** The newest FINISHED, completely pushed run in `experiment` matching `filter`. */
export async function findLatestFinishedRun(client: MlflowClient, experiment: string, filter: string): Promise<Run | undefined> {
  const found = await client.getExperimentByName(experiment);
  if (!found) return undefined;
  const { runs } = await client.searchRuns({
    experimentIds: [found.experiment_id],
    filter: `${filter} and attributes.status = 'FINISHED' and tags.\`${PUSH_COMPLETE_TAG}\` = 'true'`,
    orderBy: ["attributes.start_time DESC"],
    maxResults: 1,
  });
  return runs[0];
}

/**
 * The baseline for a deploy gate: the newest FINISHED run whose serving
 * target answered with this entity version (tag evalgate.serving.entity_version).
 */
export async function findLatestRunForEntityVersion(options: MlflowAccess & { experiment: string; entityVersion: string }): Promise<Run | undefined> {
  const client = await mlflowClientFor(options);
  return findLatestFinishedRun(client, options.experiment, `tags.\`${SERVING_ENTITY_VERSION_TAG}\` = '${options.entityVersion.replace(/'/g, "")}'`);
}

async function mlflowClientFor(options: MlflowAccess): Promise<MlflowClient> {
  const connection = await resolveMlflowConnection({
    ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
    env: options.env ?? process.env,
    ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}),
  });
  return createMlflowClient(connection, options.client);
}
