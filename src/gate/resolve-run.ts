import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { EvalgateError } from "../errors.js";
import { readRun } from "../log/index.js";
import { pullRunFromMlflow, type MlflowAccess } from "../tracking/index.js";
import type { GateRun } from "./compare-runs.js";

export interface ResolveRunOptions extends MlflowAccess {
  /** Where local run ids live; default "reports". */
  reportsDir?: string;
  /** Experiment for `mlflow:latest?…` when the ref names none (the suite's). */
  defaultExperiment?: string;
}

const MLFLOW_PREFIX = "mlflow:";

/**
 * Loads a run named by a reference:
 * - a run directory (holding run.json), or a run id under `reportsDir`;
 * - `mlflow:<mlflow-run-id>`: that MLflow run, pushed by evalgate;
 * - `mlflow:latest?experiment=<name>&tag.<key>=<value>…`: the newest finished
 *   evalgate run in the experiment carrying every given tag, e.g.
 *   `mlflow:latest?experiment=support-bot&tag.mlflow.source.git.branch=main`.
 * MLflow runs are pulled into a temporary directory that is removed after reading.
 */
export async function resolveRun(ref: string, options: ResolveRunOptions = {}): Promise<GateRun> {
  if (ref.startsWith(MLFLOW_PREFIX)) return { ref, run: await pullForGate(ref.slice(MLFLOW_PREFIX.length), options) };
  const asDirectory = resolve(ref);
  const dir = (await isDirectory(asDirectory)) ? asDirectory : join(resolve(options.reportsDir ?? "reports"), ref);
  return { ref, run: await readRun(dir) };
}

async function pullForGate(spec: string, options: ResolveRunOptions): Promise<GateRun["run"]> {
  const destDir = await mkdtemp(join(tmpdir(), "evalgate-gate-"));
  try {
    const access: MlflowAccess = {
      ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}),
      ...(options.client ? { client: options.client } : {}),
    };
    if (!spec.startsWith("latest")) return (await pullRunFromMlflow({ ...access, mlflowRunId: spec, destDir })).run;
    const { experiment, filter } = parseLatest(spec, options.defaultExperiment);
    return (await pullRunFromMlflow({ ...access, experiment, filter, destDir })).run;
  } finally {
    await rm(destDir, { recursive: true, force: true });
  }
}

/** `latest?experiment=x&tag.k=v` → an MLflow search filter over the tags. */
export function parseLatest(spec: string, defaultExperiment?: string): { experiment: string; filter: string } {
  const query = new URLSearchParams(spec.slice("latest".length).replace(/^\?/, ""));
  const experiment = query.get("experiment") ?? defaultExperiment;
  if (!experiment) {
    throw new EvalgateError("CONFIG_INVALID", `mlflow:${spec} names no experiment; add ?experiment=<name> (or pass --suite so the suite's experiment is used).`);
  }
  const clauses: string[] = [];
  for (const [key, value] of query) {
    if (key === "experiment") continue;
    if (!key.startsWith("tag.") || key.length === 4) {
      throw new EvalgateError("CONFIG_INVALID", `mlflow:${spec}: unknown parameter "${key}"; use experiment=<name> and tag.<key>=<value>.`);
    }
    if (/['`]/.test(key + value)) throw new EvalgateError("CONFIG_INVALID", `mlflow:${spec}: quotes and backticks cannot appear in an MLflow tag filter.`);
    clauses.push(`tags.\`${key.slice(4)}\` = '${value}'`);
  }
  // findLatestFinishedRun adds the status and push-complete conditions; it needs something to and them with.
  return { experiment, filter: clauses.length > 0 ? clauses.join(" and ") : "attributes.status = 'FINISHED'" };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
