import { MLFLOW_LIMITS, truncateText } from "./limits.js";

export interface MetricEntry {
  key: string;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

/** The body of one `runs/log-batch` call, without the run id. */
export interface LogBatch {
  metrics: MetricEntry[];
  params: KeyValue[];
  tags: KeyValue[];
}

export interface LogBatchPlan {
  batches: LogBatch[];
  /** One line per truncated key or value; truncation never fails a push. */
  warnings: string[];
}

/**
 * Splits metrics, params and tags into `runs/log-batch` requests that each
 * stay within the server's per-request counts and size, truncating over-long
 * keys and values (with a marker and a warning) instead of failing the run.
 */
export function planLogBatches(input: LogBatch): LogBatchPlan {
  const warnings: string[] = [];
  const fitKey = (kind: string, key: string): string => {
    const { text, truncated } = truncateText(key, MLFLOW_LIMITS.keyLength);
    if (truncated) warnings.push(`${kind} key "${truncateText(key, 40).text}" was longer than ${MLFLOW_LIMITS.keyLength} characters and was truncated`);
    return text;
  };
  const fitValue = (kind: string, key: string, value: string, limit: number): string => {
    const { text, truncated } = truncateText(value, limit);
    if (truncated) warnings.push(`${kind} "${key}" value was longer than ${limit} characters and was truncated`);
    return text;
  };

  const params = input.params.map((p) => {
    const key = fitKey("param", p.key);
    return { key, value: fitValue("param", key, p.value, MLFLOW_LIMITS.paramValueLength) };
  });
  const tags = input.tags.map((t) => {
    const key = fitKey("tag", t.key);
    return { key, value: fitValue("tag", key, t.value, MLFLOW_LIMITS.tagValueLength) };
  });
  const metrics = input.metrics.map((m) => ({ ...m, key: fitKey("metric", m.key) }));

  const batches: LogBatch[] = [];
  let current = emptyBatch();
  let currentBytes = 0;
  const add = <K extends keyof LogBatch>(kind: K, entry: LogBatch[K][number], countLimit: number): void => {
    const bytes = Buffer.byteLength(JSON.stringify(entry)) + 1;
    const full =
      current[kind].length >= countLimit ||
      entityCount(current) >= MLFLOW_LIMITS.entitiesPerBatch ||
      currentBytes + bytes > MLFLOW_LIMITS.batchBytes;
    if (full) {
      batches.push(current);
      current = emptyBatch();
      currentBytes = 0;
    }
    (current[kind] as LogBatch[K][number][]).push(entry);
    currentBytes += bytes;
  };
  for (const p of params) add("params", p, MLFLOW_LIMITS.paramsPerBatch);
  for (const t of tags) add("tags", t, MLFLOW_LIMITS.tagsPerBatch);
  for (const m of metrics) add("metrics", m, MLFLOW_LIMITS.metricsPerBatch);
  if (entityCount(current) > 0) batches.push(current);
  return { batches, warnings };
}

function emptyBatch(): LogBatch {
  return { metrics: [], params: [], tags: [] };
}

function entityCount(batch: LogBatch): number {
  return batch.metrics.length + batch.params.length + batch.tags.length;
}
