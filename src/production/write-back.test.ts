import { describe, expect, it } from "vitest";
import type { Assessment, MlflowClient } from "../tracking/index.js";
import { writeBack, type ScoredTrial } from "./write-back.js";

/** Records what would be sent; the MLflow round trip itself is tested against a real server in tests/production. */
function recordingClient(failOn?: string) {
  const assessments: Assessment[] = [];
  const tags: Record<string, Record<string, string>> = {};
  const client = {
    async createAssessment(assessment: Assessment) {
      if (assessment.assessment_name === failOn) throw new Error("HTTP 503");
      assessments.push(assessment);
    },
    async setTraceTag(traceId: string, key: string, value: string) {
      tags[traceId] = { ...tags[traceId], [key]: value };
    },
  } as unknown as MlflowClient;
  return { client, assessments, tags };
}

const scorers = { short: "check-aaa", grounded: "j-111", "never-applies": "j-222" };
const trial = (over: Partial<ScoredTrial> = {}): ScoredTrial => ({
  traceId: "tr-1",
  endedAt: "2026-12-01T10:00:00.000Z",
  checks: [{ id: "short", type: "length", outcome: "pass", reason: "12 characters" }],
  judges: [{ id: "grounded", version: "j-111", failure_mode: "ungrounded", model: "openai:gpt-4.1-mini", outcome: "fail", critique: "Says 90 days." }],
  ...over,
});

describe("writeBack", () => {
  it("writes each verdict with its scorer's version and marks every scorer, judges that did not apply included", async () => {
    const { client, assessments, tags } = recordingClient();
    const result = await writeBack({ client, trials: [trial()], scorers, runId: "run-1", mlflowRunId: "m-1" });
    expect(result).toEqual({ assessments: 2, traces: 1, failed: 0 });
    expect(assessments.map((a) => [a.assessment_name, "source" in a ? a.source.source_type : "", a.metadata?.["evalgate.scorer_version"], a.metadata?.["evalgate.mlflow_run_id"]])).toEqual([
      ["short", "CODE", "check-aaa", "m-1"],
      ["grounded", "LLM_JUDGE", "j-111", "m-1"],
    ]);
    expect(JSON.parse(tags["tr-1"]!["evalgate.scored"]!)).toEqual(scorers);
  });

  it("skips verdicts already on the trace at the same version, and does not mark errors as scored", async () => {
    const { client, assessments, tags } = recordingClient();
    const errored = trial({
      alreadyScored: { short: "check-old", grounded: "j-111" },
      judges: [{ id: "grounded", version: "j-111", failure_mode: "ungrounded", model: "m", outcome: "error", critique: "HTTP 500" }],
    });
    const withoutGrounded = { short: "check-aaa", grounded: "j-999" };
    await writeBack({ client, trials: [errored], scorers: withoutGrounded, runId: "run-2" });
    expect(assessments.map((a) => a.assessment_name)).toEqual(["short", "grounded"]);
    expect(JSON.parse(tags["tr-1"]!["evalgate.scored"]!)).toEqual({ short: "check-aaa", grounded: "j-111" });
  });

  it("leaves a trace unmarked when one of its writes fails, so the next run scores it again", async () => {
    const { client, tags } = recordingClient("grounded");
    const result = await writeBack({ client, trials: [trial()], scorers, runId: "run-3" });
    expect(result).toEqual({ assessments: 1, traces: 0, failed: 1, firstError: "HTTP 503" });
    expect(tags["tr-1"]).toBeUndefined();
  });
});
