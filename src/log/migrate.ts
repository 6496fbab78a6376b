import { EvalgateError } from "../errors.js";
import { RESULTS_SCHEMA_VERSION, TrialRecordSchema, type TrialRecord } from "./schema.js";

/**
 * Reads one results line of any known version. Older versions are migrated
 * here (none exist yet: version 1 is the first); newer versions are refused,
 * because guessing at fields we don't know would misreport results.
 */
export function migrateTrialLine(value: unknown, where: string): TrialRecord {
  const version = (value as { schema_version?: unknown } | null)?.schema_version;
  if (typeof version === "number" && version > RESULTS_SCHEMA_VERSION) {
    throw new EvalgateError(
      "RESULTS_LOG_INVALID",
      `${where}: results schema_version ${version} is newer than this evalgate understands (${RESULTS_SCHEMA_VERSION}). Upgrade evalgate to read it.`,
    );
  }
  const parsed = TrialRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EvalgateError("RESULTS_LOG_INVALID", `${where}: invalid trial record at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}
