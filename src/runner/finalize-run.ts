import { loadRunAlignment } from "../alignment/index.js";
import type { ResolvedConfig } from "../config/index.js";
import { errorMessage } from "../errors.js";
import { writeRunReports } from "../html-report/index.js";
import { writeFileDurably, writeJsonAtomic, type RunManifest, type RunPaths } from "../log/index.js";
import { formatSummaryMarkdown, summarizeResults, type Summary } from "../report/index.js";
import type { Redactor } from "../secrets/index.js";
import { alignmentMetrics, pushRunToMlflow, type PushProgress } from "../tracking/index.js";
import type { RunReporter, TrackingOutcome } from "./reporter.js";

export interface FinalizeRunOptions {
  paths: RunPaths;
  /** The run's final manifest, already written. */
  manifest: RunManifest;
  /** The suite's `tracking:` block; MLflow is used when it or MLFLOW_TRACKING_URI is set. */
  tracking?: ResolvedConfig["tracking"];
  /** "off": never log to MLflow. */
  trackingMode?: "auto" | "off";
  reporters?: readonly RunReporter[];
  /** Everything written passes through it (outputs and critiques may quote a credential). */
  secrets: Redactor;
}

export interface FinalizedRun {
  summary: Summary;
  tracking?: TrackingOutcome;
}

/**
 * What follows the last trial of a run, from what is on disk: summary.json,
 * report.md, report.html and results.csv, then the MLflow copy of a completed
 * run. `evalgate run` and anything else that writes a run directory
 * (merged shards, scored traces) end the same way, so their runs read alike.
 */
export async function finalizeRun({ paths, manifest, tracking, trackingMode, reporters = [], secrets }: FinalizeRunOptions): Promise<FinalizedRun> {
  // One streaming pass for the summary. Judges aligned with human labels (the suite's labels/ folder) get their corrected pass rate.
  const computed = await summarizeResults(paths.results, manifest, { alignment: await loadRunAlignment(manifest) });
  const summary = secrets.value(computed.summary);
  await writeJsonAtomic(paths.summary, summary);
  await writeFileDurably(paths.reportMarkdown, formatSummaryMarkdown(summary));
  // report.html and results.csv embed outputs and critiques: redacted with every secret the run learned.
  await writeRunReports({ runDir: paths.dir, manifest, summary, scan: computed.scan, redact: (value) => secrets.value(value) });
  const tracked =
    manifest.status === "completed" && trackingMode !== "off"
      ? secrets.value(await trackRun(paths.dir, tracking, reporters, alignmentMetrics(summary)))
      : undefined;
  return { summary, ...(tracked ? { tracking: tracked } : {}) };
}

/** MLflow is a copy of the local run: its failure is reported, never fatal to the results already on disk. */
async function trackRun(
  runDir: string,
  tracking: ResolvedConfig["tracking"],
  reporters: readonly RunReporter[],
  extraMetrics: Record<string, number>,
): Promise<TrackingOutcome | undefined> {
  if (!tracking?.mlflow && !process.env.MLFLOW_TRACKING_URI) return undefined;
  try {
    const onProgress = (progress: PushProgress) => {
      for (const reporter of reporters) reporter.onPushProgress?.(progress);
    };
    const pushed = await pushRunToMlflow({ runDir, extraMetrics, ...(tracking ? { tracking } : {}), onProgress });
    return { ok: true, mlflowRunId: pushed.mlflowRunId, url: pushed.url, warnings: pushed.warnings };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
