import pLimit from "p-limit";
import { errorMessage } from "../errors.js";
import type { CheckResult, JudgeVerdict } from "../log/index.js";
import { checkAssessment, judgeAssessment, type MlflowClient } from "../tracking/index.js";
import { SCORED_TAG } from "./scored-tag.js";

/** Writes in flight at once (a local server writes SQLite one request at a time; a remote one overlaps them). */
const WRITE_CONCURRENCY = 8;

/** One scored trial, as much of it as the write-back needs. */
export interface ScoredTrial {
  traceId: string;
  endedAt: string;
  checks: readonly CheckResult[];
  judges: readonly JudgeVerdict[];
  /** Versions already on the trace (its `evalgate.scored` tag). */
  alreadyScored?: Readonly<Record<string, string>>;
}

export interface WriteBackInput {
  client: MlflowClient;
  trials: readonly ScoredTrial[];
  /** Every check and judge of the suite, with its version. */
  scorers: Readonly<Record<string, string>>;
  /** The evalgate run that scored them. */
  runId: string;
  /** The scoring run's MLflow copy, when it was logged. */
  mlflowRunId?: string;
}

export interface WriteBackResult {
  /** Assessments written. */
  assessments: number;
  /** Traces whose `evalgate.scored` tag was updated. */
  traces: number;
  /** Writes that failed, with the first error. */
  failed: number;
  firstError?: string;
}

/**
 * Writes each verdict back to the production trace it scored, as a
 * feedback assessment (checks: source CODE; judges: LLM_JUDGE with the
 * judge's model), rationale the reason or critique, metadata naming the
 * scoring run and the scorer's id and version. Then the trace's
 * `evalgate.scored` tag records every scorer that ran on it, so a later
 * run skips it. A verdict its trace already holds at the same version is
 * not written again. "Could not score" (error) verdicts are written as
 * assessment errors but not recorded as scored: the next run retries them.
 * A failed write is counted, never fatal: the run is already on disk.
 */
export async function writeBack({ client, trials, scorers, runId, mlflowRunId }: WriteBackInput): Promise<WriteBackResult> {
  const limit = pLimit(WRITE_CONCURRENCY);
  const result: WriteBackResult = { assessments: 0, traces: 0, failed: 0 };
  const attempt = async (write: () => Promise<void>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (error) {
      result.failed += 1;
      result.firstError ??= errorMessage(error);
      return false;
    }
  };
  await Promise.all(
    trials.map((trial) =>
      limit(async () => {
        const fresh = (id: string) => trial.alreadyScored?.[id] !== scorers[id];
        const metadataFor = (id: string) => ({
          "evalgate.run_id": runId,
          "evalgate.scorer": id,
          "evalgate.scorer_version": scorers[id] ?? "",
          ...(mlflowRunId ? { "evalgate.mlflow_run_id": mlflowRunId } : {}),
        });
        const scored = (id: string) => ({ traceId: trial.traceId, at: trial.endedAt, ...(mlflowRunId ? { mlflowRunId } : {}), metadata: metadataFor(id) });
        const assessments = [
          ...trial.checks.filter((check) => fresh(check.id)).map((check) => checkAssessment(scored(check.id), check)),
          ...trial.judges.filter((verdict) => fresh(verdict.id)).map((verdict) => judgeAssessment(scored(verdict.id), verdict)),
        ];
        let allWritten = true;
        for (const assessment of assessments) {
          if (await attempt(() => client.createAssessment(assessment))) result.assessments += 1;
          else allWritten = false;
        }
        if (!allWritten) return;
        const errored = new Set([...trial.checks, ...trial.judges].filter((v) => v.outcome === "error").map((v) => v.id));
        const now = Object.fromEntries(Object.entries(scorers).filter(([id]) => !errored.has(id)));
        const tag = { ...trial.alreadyScored, ...now };
        if (await attempt(() => client.setTraceTag(trial.traceId, SCORED_TAG, JSON.stringify(tag)))) result.traces += 1;
      }),
    ),
  );
  return result;
}
