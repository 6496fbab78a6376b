import pLimit from "p-limit";
import { EvalgateError, errorMessage } from "../errors.js";
import type { Trace } from "../log/index.js";
import { evidenceFromMlflowTrace } from "../targets/index.js";
import type { MlflowClient, StoredTraceInfo, TraceSpan } from "../tracking/index.js";
import type { TimeWindow } from "./select-records.js";
import { readScoredTag } from "./scored-tag.js";
import type { ProductionRecord, SourceRecords } from "./record.js";

/** MLflow's trace tag saying where the spans are kept. */
const SPANS_LOCATION_TAG = "mlflow.trace.spansLocation";

/** Span downloads in flight at once: one request per trace. */
const DOWNLOAD_CONCURRENCY = 8;

export interface ReadMlflowOptions {
  client: MlflowClient;
  /** An experiment name, or its id. */
  experiment: string;
  /** MLflow's trace filter syntax, ANDed with the time window. */
  filter?: string;
  window: TimeWindow;
  /** Decides, from a trace's info alone, whether its spans are needed (traces already scored are not downloaded). */
  wanted?: (record: Pick<ProductionRecord, "traceId" | "scored">) => boolean;
  /** Trace infos per search request; default the server's maximum (500). */
  pageSize?: number;
}

/**
 * Reads the traces of an experiment in the time window, every page. Each
 * trace's input and output are its root span's; retrieved documents are the
 * outputs of its RETRIEVER spans (tool calls, its TOOL spans). A trace whose
 * spans cannot be read falls back to the inputs and outputs MLflow keeps in
 * its metadata.
 */
export async function readMlflowTraces({ client, experiment, filter, window, wanted, pageSize }: ReadMlflowOptions): Promise<SourceRecords & { experimentId: string }> {
  const experimentId = await resolveExperiment(client, experiment);
  const infos: StoredTraceInfo[] = [];
  const query = combineFilters(filter, window);
  let pageToken: string | undefined;
  do {
    const page = await client.searchTraces({ experimentIds: [experimentId], ...(query ? { filter: query } : {}), orderBy: ["timestamp_ms ASC"], ...(pageSize ? { maxResults: pageSize } : {}), ...(pageToken ? { pageToken } : {}) });
    infos.push(...page.traces);
    pageToken = page.nextPageToken;
  } while (pageToken);

  const limit = pLimit(DOWNLOAD_CONCURRENCY);
  const records = await Promise.all(
    infos.map((info) =>
      limit(async (): Promise<ProductionRecord> => {
        const base = baseRecord(info);
        if (base.error !== undefined || (wanted && !wanted(base))) return base;
        let spans: TraceSpan[];
        try {
          spans = await client.getTraceSpans(info.trace_id, info.tags[SPANS_LOCATION_TAG] === "TRACKING_STORE" ? "tracking-store" : "artifacts");
        } catch (error) {
          throw new EvalgateError("TRACKING_FAILED", `Cannot read the spans of trace ${info.trace_id}: ${errorMessage(error)}`, { cause: error });
        }
        return { ...base, ...fromSpans(spans, info) };
      }),
    ),
  );
  return { origin: `mlflow:${experiment}`, records, experimentId };
}

async function resolveExperiment(client: MlflowClient, experiment: string): Promise<string> {
  const byName = await client.getExperimentByName(experiment);
  if (byName) return byName.experiment_id;
  const byId = /^\d+$/.test(experiment) ? await client.getExperiment(experiment) : undefined;
  if (byId) return byId.experiment_id;
  throw new EvalgateError(
    "CONFIG_INVALID",
    `No MLflow experiment named "${experiment}" at ${client.connection.baseUrl}${/^\d+$/.test(experiment) ? " and none with that id" : ""}. Give the experiment your application logs its traces to (its name or id).`,
  );
}

/** MLflow filters join with AND only; the window is applied again locally on request_time. */
function combineFilters(filter: string | undefined, window: TimeWindow): string | undefined {
  const parts = [
    ...(filter ? [filter] : []),
    ...(window.since ? [`trace.timestamp_ms >= ${Date.parse(window.since)}`] : []),
    ...(window.until ? [`trace.timestamp_ms < ${Date.parse(window.until)}`] : []),
  ];
  return parts.length > 0 ? parts.join(" AND ") : undefined;
}

function baseRecord(info: StoredTraceInfo): ProductionRecord {
  const scored = readScoredTag(info.tags);
  return {
    traceId: info.trace_id,
    input: parseJson(info.trace_metadata["mlflow.traceInputs"]),
    ...(info.state === "ERROR" ? { error: "the traced request failed (trace state ERROR)" } : { output: parseJson(info.trace_metadata["mlflow.traceOutputs"]) }),
    ...(info.request_time ? { timestamp: info.request_time } : {}),
    ...(scored ? { scored } : {}),
  };
}

function fromSpans(spans: readonly TraceSpan[], info: StoredTraceInfo): Partial<ProductionRecord> {
  const root = spans.find((span) => span.parent_span_id === undefined);
  const evidence = evidenceFromMlflowTrace({ info: { trace_id: info.trace_id }, data: { spans } });
  const { mlflow_trace_id: _id, context, ...rest } = evidence;
  const trace: Trace = rest;
  return {
    ...(root?.inputs === undefined ? {} : { input: root.inputs }),
    ...(root?.outputs === undefined || info.state === "ERROR" ? {} : { output: root.outputs }),
    ...(context ? { context } : {}),
    ...(Object.keys(trace).length > 0 ? { trace } : {}),
  };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
