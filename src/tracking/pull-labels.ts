import { createHash } from "node:crypto";
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { importLabelRows, LabelError, type ImportLabelRowsResult } from "../alignment/index.js";
import { canonicalJson } from "../config/index.js";
import { readRun, runPaths } from "../log/index.js";
import { readHumanLabels, type ReadHumanLabelsResult } from "./human-labels.js";
import { pullRunFromMlflow, type MlflowAccess } from "./pull-run.js";

export interface PullLabelsOptions extends MlflowAccess {
  mlflowRunId: string;
  /** Label-set name: versions accumulate under labels/<name>/. */
  as: string;
  /** The assessment name (judge) to take; needed only when the run's HUMAN assessments carry several. */
  judge?: string;
  /** Where the local run lives, or is pulled to when it is not there. Default ./reports. */
  reportsDir?: string;
  /** The suite whose labels/ folder receives the set; default: the run's suite. */
  suiteFile?: string;
  splitSeed?: number;
  now?: Date;
}

export interface PullLabelsResult extends ImportLabelRowsResult {
  runId: string;
  /** HUMAN assessments that were not PASS/FAIL labels. */
  ignored: ReadHumanLabelsResult["ignored"];
}

/**
 * Turns the HUMAN assessments on a pushed run's traces (written by `label
 * import`, or by reviewers in MLflow's review app) into a new version of a
 * label set, the same store spreadsheet labels go to.
 */
export async function pullLabelsFromMlflow(options: PullLabelsOptions): Promise<PullLabelsResult> {
  const access = { ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}), ...(options.env ? { env: options.env } : {}), ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}), ...(options.client ? { client: options.client } : {}) };
  const read = await readHumanLabels({ mlflowRunId: options.mlflowRunId, ...access });
  const names = [...new Set(read.labels.map((l) => l.judge))];
  const judge = options.judge ?? (names.length === 1 ? names[0] : undefined);
  const source = `mlflow:${options.mlflowRunId}`;
  if (!judge) {
    const message = names.length === 0 ? "has no HUMAN PASS/FAIL assessments on its traces; label them in MLflow's review app or with evalgate label import" : `has HUMAN assessments for ${names.join(", ")}: pass --judge <id> to say which judge the labels measure`;
    throw new LabelError([{ file: source, message: `MLflow run ${options.mlflowRunId} ${message}.` }]);
  }
  const rows = read.labels.filter((l) => l.judge === judge).map(({ case_id, trial, label, notes }) => ({ case_id, trial, label, ...(notes ? { notes } : {}) }));
  if (rows.length === 0) throw new LabelError([{ file: source, message: `MLflow run ${options.mlflowRunId} has no HUMAN assessment named ${judge}; it has ${names.join(", ") || "none"}.` }]);

  const reportsDir = resolve(options.reportsDir ?? "reports");
  const runDir = runPaths(reportsDir, read.runId).dir;
  if (!(await exists(runDir))) await pullRunFromMlflow({ mlflowRunId: options.mlflowRunId, destDir: reportsDir, ...access });
  const run = await readRun(runDir);
  const imported = await importLabelRows({
    run,
    rows,
    as: options.as,
    judge,
    suiteFile: options.suiteFile ? resolve(options.suiteFile) : run.manifest.suite_file,
    source: { file: source, sha256: createHash("sha256").update(canonicalJson(rows)).digest("hex") },
    ...(options.splitSeed === undefined ? {} : { splitSeed: options.splitSeed }),
    ...(options.now ? { now: options.now } : {}),
  });
  return { ...imported, runId: read.runId, ignored: read.ignored };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
