import type { RunManifest, TrialRecord } from "../log/index.js";
import type { Summary } from "../report/index.js";
import type { PushProgress } from "../tracking/index.js";

export interface Progress {
  /** Trials finished, including those recorded before a resume. */
  done: number;
  total: number;
  errors: number;
  elapsedMs: number;
}

export interface RunStartInfo {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  /** Trials already in the log (resume) that will not run again. */
  alreadyDone: number;
  total: number;
  /** Problems that do not stop the run (e.g. dataset ids with surrounding spaces), one line each. */
  warnings: string[];
}

export interface RunResult {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  /** Trials are not kept in memory: read them from runDir's results.jsonl (src/log) or collect them in onTrialEnd. */
  summary: Summary;
  /** The suite's max_error_rate: above it the run counts as failed (CLI exit 1). */
  allowedErrorRate: number;
  /** Present when the run was logged to MLflow (or tried to be). */
  tracking?: TrackingOutcome;
}

export type TrackingOutcome =
  | { ok: true; mlflowRunId: string; url: string; warnings: string[] }
  | { ok: false; error: string };

/** Plain object with optional hooks, looked up by name: progress bars, loggers, tests. */
export interface RunReporter {
  onRunStart?(info: RunStartInfo): void;
  onTrialEnd?(record: TrialRecord, progress: Progress): void;
  /** A problem that fails no trial, e.g. an endpoint ignoring return_trace; each is reported once per run. */
  onWarning?(message: string): void;
  /** While a completed run is logged to MLflow: after each chunk of traces. */
  onPushProgress?(progress: PushProgress): void;
  onRunEnd?(result: RunResult): void;
}
