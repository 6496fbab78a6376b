import type { ContextDoc, Trace } from "../log/index.js";

/** One production request with the answer it got, as a source recorded it. */
export interface ProductionRecord {
  /** The record's id at its source (an MLflow trace id, a serving request id, a row's id). */
  traceId: string;
  input: unknown;
  /** Absent when the request failed (`error` then says why). */
  output?: unknown;
  error?: string;
  context?: ContextDoc[];
  /** Other evidence the record carries (tool calls, usage, model). */
  trace?: Trace;
  /** When the request was made (RFC 3339), when the source says. */
  timestamp?: string;
  /** MLflow: check and judge versions already scored on this trace (its `evalgate.scored` tag). */
  scored?: Record<string, string>;
}

/** Records read from a source, with what the source is. */
export interface SourceRecords {
  /** "mlflow:<experiment>", "jsonl:<file>": each trial's `trace.source.origin`. */
  origin: string;
  /** jsonl: "generic" or "inference-table (<serving format>)". */
  format?: string;
  records: ProductionRecord[];
  /** MLflow: the experiment the traces live in, where verdicts are written back. */
  experimentId?: string;
}
