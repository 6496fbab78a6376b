/**
 * Server-side limits of MLflow's REST API (mlflow/utils/validation.py and
 * mlflow/tracing/constant.py in MLflow 3.x). Requests over them are rejected
 * whole, so evalgate splits and truncates before sending.
 */
export const MLFLOW_LIMITS = {
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  /** The server rejects log-batch bodies above 1 MB; keep a margin for JSON framing. */
  batchBytes: 900_000,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  traceMetadataValueLength: 250,
  traceTagValueLength: 4096,
  tracePreviewLength: 1000,
  linkTracesPerCall: 100,
  /** The server sets no cap on delete-traces; chunks keep each request and its SQL statement small. */
  deleteTracesPerCall: 100,
  searchTracesPageSize: 500,
  datasetDigestLength: 36,
} as const;

export const TRUNCATION_MARKER = "…[truncated]";

/**
 * Cuts `value` to at most `limit` characters (counted as code points, as the
 * Python server counts them), ending with the truncation marker.
 */
export function truncateText(value: string, limit: number): { text: string; truncated: boolean } {
  const codePoints = Array.from(value);
  if (codePoints.length <= limit) return { text: value, truncated: false };
  const marker = Array.from(TRUNCATION_MARKER);
  if (limit < marker.length) return { text: codePoints.slice(0, limit).join(""), truncated: true };
  const keep = limit - marker.length;
  return { text: codePoints.slice(0, keep).join("") + TRUNCATION_MARKER, truncated: true };
}
