import pLimit from "p-limit";
import { errorMessage } from "../../errors.js";
import type { MlflowClient } from "../mlflow-client.js";
import type { Assessment, TrialTrace } from "../trace-payload.js";

/**
 * Requests in flight at once. A local `mlflow server` writes to SQLite one
 * request at a time, so a wider bound only queues there; 8 keeps a remote
 * server's round trips overlapped without flooding it.
 */
const WRITE_CONCURRENCY = 8;
/** Trials per chunk: their spans travel in one OTLP request, and progress is reported once per chunk. */
export const TRACES_PER_CHUNK = 50;

/** Traces logged so far (written or failed) out of all the run's trials. */
export interface TraceProgress {
  done: number;
  total: number;
  /** Since the first trace was sent. */
  elapsedMs: number;
}

export interface LogTracesInput {
  client: MlflowClient;
  experimentId: string;
  mlflowRunId: string;
  /** Built one at a time (a streaming pass over the log), so a large run is never all in memory. */
  traces: AsyncIterable<TrialTrace> | Iterable<TrialTrace>;
  /** How many traces `traces` yields, for progress. */
  total: number;
  onProgress?: (progress: TraceProgress) => void;
}

/**
 * Logs one trace per trial with its spans and assessments, chunk by chunk.
 *
 * An MLflow 3 tracking server stores assessments sent inside StartTraceV3
 * (`trace_info.assessments`), one request per trial instead of one per
 * assessment. The first trace with assessments is read back to confirm the
 * server kept them; a server that dropped them, and Databricks, get one
 * CreateAssessment request per assessment instead. Failed writes are counted
 * and reported as one warning: the run itself is already logged.
 */
export async function logTraces({ client, experimentId, mlflowRunId, traces, total, onProgress }: LogTracesInput): Promise<string[]> {
  const startedAt = performance.now();
  const warnings: string[] = [];
  const limit = pLimit(WRITE_CONCURRENCY);
  const failures = { count: 0, first: "" };
  const attempt = async (write: () => Promise<void>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (error) {
      failures.count += 1;
      failures.first ||= errorMessage(error);
      return false;
    }
  };
  const postAssessments = (assessments: readonly Assessment[]) =>
    Promise.all(assessments.map((assessment) => limit(() => attempt(() => client.createAssessment(assessment)))));

  const oss = client.connection.kind === "oss";
  let inline = oss;
  const started = new Set<string>();
  // The first trace with assessments tells whether the server keeps assessments sent inline.
  let probe: TrialTrace | undefined;
  let probed = !inline;
  let spansFailed = !oss;
  let done = 0;
  const logChunk = async (chunk: TrialTrace[]) => {
    if (!probed) {
      probe = chunk.find((t) => t.assessments.length > 0);
      if (probe) {
        probed = true;
        if (await attempt(() => client.startTrace({ ...probe!.traceInfo, assessments: probe!.assessments }))) {
          started.add(probe.traceInfo.trace_id);
          const stored = await client.getTraceInfo(probe.traceInfo.trace_id);
          if (stored.assessments.length < probe.assessments.length) {
            inline = false;
            await postAssessments(probe.assessments);
          }
        }
      }
    }
    const fresh = chunk.filter((t) => t !== probe);
    const ok = await Promise.all(
      fresh.map((t) => limit(() => attempt(() => client.startTrace(inline && t.assessments.length > 0 ? { ...t.traceInfo, assessments: t.assessments } : t.traceInfo)))),
    );
    fresh.forEach((t, j) => ok[j] && started.add(t.traceInfo.trace_id));
    const logged = chunk.filter((t) => started.has(t.traceInfo.trace_id));
    if (!spansFailed) {
      try {
        await client.logSpans(experimentId, logged.flatMap((t) => t.spans));
      } catch (error) {
        spansFailed = true;
        warnings.push(`Trace spans could not be logged (the server may not accept OTLP at /v1/traces): ${errorMessage(error)}`);
      }
    }
    if (!inline) await postAssessments(logged.filter((t) => t !== probe).flatMap((t) => t.assessments));
    done += chunk.length;
    onProgress?.({ done, total, elapsedMs: performance.now() - startedAt });
  };

  let chunk: TrialTrace[] = [];
  for await (const trace of traces) {
    chunk.push(trace);
    if (chunk.length === TRACES_PER_CHUNK) {
      await logChunk(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await logChunk(chunk);

  // Databricks stores span data through signed trace-data URLs, not OTLP; evalgate does not upload it there yet.
  if (!oss && started.size > 0) warnings.push("Trace spans are not uploaded to Databricks yet: traces carry previews, tags and assessments only.");
  const linked = await client.linkTracesToRun(mlflowRunId, [...started]);
  if (!linked) warnings.push("This MLflow server cannot link traces to runs; traces carry the run id in metadata mlflow.sourceRun instead.");
  if (failures.count > 0) warnings.push(`${failures.count} trace or assessment writes failed; first error: ${failures.first}`);
  return warnings;
}
