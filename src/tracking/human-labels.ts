import { basename, dirname } from "node:path";
import pLimit from "p-limit";
import { parseLabel, type BinaryLabel } from "../alignment/index.js";
import { EvalgateError } from "../errors.js";
import { readManifest, runPaths } from "../log/index.js";
import { resolveMlflowConnection } from "./connection.js";
import { loadSuiteTracking } from "./internal/suite-tracking.js";
import { createMlflowClient, type MlflowClient, type StoredAssessment, type StoredTraceInfo } from "./mlflow-client.js";
import type { MlflowAccess } from "./pull-run.js";
import { pushRunToMlflow } from "./push-run.js";
import { RUN_ID_TAG } from "./run-payload.js";
import { humanAssessment } from "./trace-payload.js";

const READ_CONCURRENCY = 4;

/** One human label on one trial, as MLflow stores it: a HUMAN feedback assessment named after the judge. */
export interface HumanTrialLabel {
  judge: string;
  case_id: string;
  trial: number;
  label: BinaryLabel;
  notes?: string;
  labeler: string;
}

export interface WriteHumanLabelsOptions extends MlflowAccess {
  /** The local run the labels are for: reports/<run-id>/. */
  runDir: string;
  /** Assessment name: the judge the labels measure. */
  judge: string;
  labels: ReadonlyArray<{ case_id: string; trial: number; label: BinaryLabel; notes?: string }>;
  /** Source id of the assessments, e.g. the sheet's file name or an email. */
  labeler: string;
  /** Experiment to find (or push) the run in; default as `evalgate mlflow push`. */
  experiment?: string;
  /**
   * Write only when MLflow is configured, as `evalgate run` logs only then:
   * a tracking URI given, MLFLOW_TRACKING_URI set, or a `tracking.mlflow`
   * block in the run's suite. Otherwise nothing is written and the result is undefined.
   */
  onlyIfConfigured?: boolean;
  now?: Date;
}

export interface WriteHumanLabelsResult {
  mlflowRunId: string;
  /** Assessments created. */
  written: number;
  /** Labels already on the trace with the same value and labeler (a re-import): not written twice. */
  unchanged: number;
}

/**
 * Writes labels to the traces of a run in MLflow as HUMAN assessments named
 * after the judge, next to the judge's own LLM_JUDGE assessment, so
 * spreadsheet labels and labels from MLflow's review app are one store. The
 * run is pushed first when it was not logged yet (a push is idempotent).
 */
export async function writeHumanLabels(options: WriteHumanLabelsOptions): Promise<WriteHumanLabelsResult | undefined> {
  const env = options.env ?? process.env;
  const manifest = await readManifest(runPaths(dirname(options.runDir), basename(options.runDir)));
  const suite = options.trackingUri ? undefined : await loadSuiteTracking(manifest.suite_file, manifest.run_id);
  if (options.onlyIfConfigured && !options.trackingUri && !env.MLFLOW_TRACKING_URI?.trim() && !suite?.tracking?.mlflow) return undefined;
  const pushed = await pushRunToMlflow({
    runDir: options.runDir,
    env,
    ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
    ...(options.experiment ? { experiment: options.experiment } : {}),
    ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
  const connection = await resolveMlflowConnection({ ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}), ...(suite ? { suite } : {}), env, ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}) });
  const client = createMlflowClient(connection, options.client);

  const traces = byTrial(await traceInfos(client, pushed.experimentId, pushed.mlflowRunId));
  const at = (options.now ?? new Date()).toISOString();
  let written = 0;
  let unchanged = 0;
  const missing: string[] = [];
  const limit = pLimit(READ_CONCURRENCY);
  await Promise.all(
    options.labels.map((label) =>
      limit(async () => {
        const trace = traces.get(trialKey(label));
        if (!trace) {
          missing.push(`${label.case_id} #${label.trial}`);
          return;
        }
        const pass = label.label === "pass";
        const same = trace.assessments.some((a) => isHuman(a) && a.assessment_name === options.judge && a.source?.source_id === options.labeler && labelOf(a) === label.label && (a.rationale ?? "") === (label.notes ?? ""));
        if (same) {
          unchanged += 1;
          return;
        }
        await client.createAssessment(humanAssessment(trace.trace_id, { name: options.judge, pass, labeler: options.labeler, labeledAt: at, ...(label.notes ? { rationale: label.notes } : {}) }));
        written += 1;
      }),
    ),
  );
  if (missing.length > 0) {
    throw new EvalgateError(
      "TRACKING_FAILED",
      `MLflow run ${pushed.mlflowRunId} has no trace for ${missing.length} labelled trial(s) (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}); ${written} label(s) were written. Was it pushed by an older evalgate, or were traces deleted?`,
    );
  }
  return { mlflowRunId: pushed.mlflowRunId, written, unchanged };
}

export interface ReadHumanLabelsOptions extends MlflowAccess {
  mlflowRunId: string;
}

export interface ReadHumanLabelsResult {
  /** The evalgate run the MLflow run was pushed from (its evalgate.run_id tag). */
  runId: string;
  labels: HumanTrialLabel[];
  /** HUMAN assessments whose value is not a PASS/FAIL label (e.g. a free-text comment): left out. */
  ignored: Array<{ judge: string; case_id: string; trial: number; value: unknown }>;
}

/**
 * Reads the HUMAN assessments on a pushed run's traces (from `label import`
 * or MLflow's review app) as labels: per trial and assessment name, the most
 * recently updated valid one. Values are read as people give them (true/false,
 * "yes"/"no", "pass"/"fail", 1/0).
 */
export async function readHumanLabels(options: ReadHumanLabelsOptions): Promise<ReadHumanLabelsResult> {
  const env = options.env ?? process.env;
  const connection = await resolveMlflowConnection({ ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}), env, ...(options.databricksAuth ? { databricksAuth: options.databricksAuth } : {}) });
  const client = createMlflowClient(connection, options.client);
  const run = await client.getRun(options.mlflowRunId);
  const runId = run.data.tags.find((t) => t.key === RUN_ID_TAG)?.value;
  if (!runId) {
    throw new EvalgateError("TRACKING_FAILED", `MLflow run ${options.mlflowRunId} was not logged by evalgate (no ${RUN_ID_TAG} tag), so its traces cannot be matched to cases and trials.`);
  }
  const labels: HumanTrialLabel[] = [];
  const ignored: ReadHumanLabelsResult["ignored"] = [];
  for (const trace of byTrial(await traceInfos(client, run.info.experiment_id, options.mlflowRunId)).values()) {
    const caseId = trace.tags["evalgate.case_id"]!;
    const trial = Number(trace.tags["evalgate.trial"]);
    const latest = new Map<string, StoredAssessment>();
    for (const assessment of trace.assessments.filter((a) => isHuman(a) && a.valid !== false)) {
      const previous = latest.get(assessment.assessment_name);
      if (!previous || (assessment.last_update_time ?? "") >= (previous.last_update_time ?? "")) latest.set(assessment.assessment_name, assessment);
    }
    for (const [judge, assessment] of latest) {
      const label = labelOf(assessment);
      if (!label) {
        ignored.push({ judge, case_id: caseId, trial, value: assessment.feedback?.value });
        continue;
      }
      labels.push({ judge, case_id: caseId, trial, label, labeler: assessment.source?.source_id ?? "unknown", ...(assessment.rationale ? { notes: assessment.rationale } : {}) });
    }
  }
  labels.sort((a, b) => a.judge.localeCompare(b.judge) || a.case_id.localeCompare(b.case_id) || a.trial - b.trial);
  return { runId, labels, ignored };
}

async function traceInfos(client: MlflowClient, experimentId: string, mlflowRunId: string): Promise<StoredTraceInfo[]> {
  const ids = await client.searchTraceIds(experimentId, mlflowRunId);
  const limit = pLimit(READ_CONCURRENCY);
  return Promise.all(ids.map((id) => limit(() => client.getTraceInfo(id))));
}

/** Traces pushed by evalgate carry their case and trial as tags. */
function byTrial(traces: readonly StoredTraceInfo[]): Map<string, StoredTraceInfo> {
  const map = new Map<string, StoredTraceInfo>();
  for (const trace of traces) {
    const caseId = trace.tags["evalgate.case_id"];
    const trial = trace.tags["evalgate.trial"];
    if (caseId !== undefined && trial !== undefined) map.set(trialKey({ case_id: caseId, trial: Number(trial) }), trace);
  }
  return map;
}

function isHuman(assessment: StoredAssessment): boolean {
  return assessment.source?.source_type === "HUMAN" && assessment.feedback !== undefined;
}

function labelOf(assessment: StoredAssessment): BinaryLabel | undefined {
  const value = assessment.feedback?.value;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
  return parseLabel(value) ?? undefined;
}

function trialKey(t: { case_id: string; trial: number }): string {
  return `${t.case_id}#${t.trial}`;
}
