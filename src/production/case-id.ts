import { createHash } from "node:crypto";

/** Ids that read well in reports, file names and label sheets as they are. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/;

/**
 * The case id of a production record: its trace id when that is short and
 * plain (MLflow's `tr-<hex>`), else `trace-<first 12 hex of sha256(id)>`.
 * Stable: the same trace always gets the same case id.
 */
export function caseIdForTrace(traceId: string): string {
  if (SAFE_ID.test(traceId)) return traceId;
  return `trace-${createHash("sha256").update(traceId).digest("hex").slice(0, 12)}`;
}
