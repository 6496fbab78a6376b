import { describe, expect, it } from "vitest";
import { RESULTS_SCHEMA_VERSION, TrialRecordSchema } from "./schema.js";

describe("TrialRecordSchema", () => {
  const base = {
    schema_version: RESULTS_SCHEMA_VERSION,
    run_id: "r1",
    case_id: "c1",
    trial: 0,
    started_at: "2026-01-01T00:00:00.000Z",
    ended_at: "2026-01-01T00:00:01.000Z",
    latency_ms: 1000,
    status: "ok",
    input: "hi",
    checks: [],
    judges: [],
  };

  it("accepts a minimal trial", () => {
    expect(TrialRecordSchema.safeParse(base).success).toBe(true);
  });

  it("rejects a negative trial index", () => {
    expect(TrialRecordSchema.safeParse({ ...base, trial: -1 }).success).toBe(false);
  });
});
