import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLabelSet, labelsDir } from "../../src/alignment/index.js";
import { pullLabelsFromMlflow, writeHumanLabels } from "../../src/tracking/index.js";
import { attachSuiteFile, copyFixtureRun, useMlflowServer } from "./helpers.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";

const server = useMlflowServer();

async function humanAssessments(experimentId: string, mlflowRunId: string): Promise<Map<string, any[]>> {
  const found = await server.rest("/api/3.0/mlflow/traces/search", {
    locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
    filter: `trace.run_id = '${mlflowRunId}'`,
    max_results: 100,
  });
  const byTrial = new Map<string, any[]>();
  for (const info of found.traces ?? []) {
    const { trace } = await server.rest(`/api/3.0/mlflow/traces/get?trace_id=${info.trace_id}`);
    const key = `${trace.trace_info.tags["evalgate.case_id"]}#${trace.trace_info.tags["evalgate.trial"]}`;
    byTrial.set(key, (trace.trace_info.assessments ?? []).filter((a: any) => a.source?.source_type === "HUMAN" && a.feedback !== undefined));
  }
  return byTrial;
}

const LABELS = [
  { case_id: "refund-policy", trial: 0, label: "pass" as const },
  { case_id: "refund-policy", trial: 1, label: "fail" as const, notes: "Two weeks is wrong." },
  { case_id: "greeting", trial: 0, label: "pass" as const },
  { case_id: "greeting", trial: 1, label: "fail" as const },
];

describe("labels as HUMAN assessments in a real MLflow server", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("writes imported labels to the run's traces, named after the judge, once", async () => {
    const runDir = await copyFixtureRun("20250102-030405-labels-write");
    await attachSuiteFile(runDir, "");
    const options = { runDir, trackingUri: server.url, experiment: "labels", env: {}, judge: "groundedness", labels: LABELS, labeler: "grounded.csv" };

    const first = await writeHumanLabels(options);
    expect(first).toMatchObject({ written: 4, unchanged: 0 });
    const run = (await server.rest(`/api/2.0/mlflow/runs/get?run_id=${first!.mlflowRunId}`)).run;
    const stored = await humanAssessments(run.info.experiment_id, first!.mlflowRunId);
    expect(stored.get("refund-policy#1")).toEqual([
      expect.objectContaining({ assessment_name: "groundedness", source: expect.objectContaining({ source_type: "HUMAN", source_id: "grounded.csv" }), feedback: { value: false }, rationale: "Two weeks is wrong." }),
    ]);
    expect(stored.get("refund-policy#0")?.map((a) => a.feedback.value)).toEqual([true]);

    // Importing the same sheet again writes nothing twice.
    expect(await writeHumanLabels(options)).toMatchObject({ mlflowRunId: first!.mlflowRunId, written: 0, unchanged: 4 });
    expect((await humanAssessments(run.info.experiment_id, first!.mlflowRunId)).get("refund-policy#0")).toHaveLength(1);
  });

  it("writes nothing when MLflow is not configured and only asked to write if it is", async () => {
    const runDir = await copyFixtureRun("20250102-030405-labels-off");
    await attachSuiteFile(runDir, "");
    expect(await writeHumanLabels({ runDir, env: {}, judge: "groundedness", labels: LABELS, labeler: "x.csv", onlyIfConfigured: true })).toBeUndefined();
  });

  it("pulls HUMAN assessments, including a reviewer's later one from the review app, into a label set", async () => {
    const runDir = await copyFixtureRun("20250102-030405-labels-pull");
    const suiteFile = await attachSuiteFile(runDir, "");
    const written = await writeHumanLabels({ runDir, trackingUri: server.url, experiment: "labels-pull", env: {}, judge: "groundedness", labels: LABELS, labeler: "grounded.csv" });
    const mlflowRunId = written!.mlflowRunId;
    const run = (await server.rest(`/api/2.0/mlflow/runs/get?run_id=${mlflowRunId}`)).run;

    // A reviewer in MLflow's review app relabels greeting #0 as "no", and leaves a free-text comment elsewhere.
    const traces = await server.rest("/api/3.0/mlflow/traces/search", { locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: run.info.experiment_id } }], filter: `trace.run_id = '${mlflowRunId}'`, max_results: 100 });
    const traceOf = async (caseId: string, trial: number) => {
      for (const info of traces.traces) {
        const { trace } = await server.rest(`/api/3.0/mlflow/traces/get?trace_id=${info.trace_id}`);
        if (trace.trace_info.tags["evalgate.case_id"] === caseId && trace.trace_info.tags["evalgate.trial"] === String(trial)) return info.trace_id as string;
      }
      throw new Error(`no trace for ${caseId}#${trial}`);
    };
    const later = new Date(Date.now() + 60_000).toISOString();
    const review = (traceId: string, name: string, value: unknown) =>
      server.rest(`/api/3.0/mlflow/traces/${traceId}/assessments`, {
        assessment: { assessment_name: name, trace_id: traceId, source: { source_type: "HUMAN", source_id: "reviewer@example.com" }, create_time: later, last_update_time: later, feedback: { value }, rationale: "Greets, but names the wrong product." },
      });
    await review(await traceOf("greeting", 0), "groundedness", "no");
    await review(await traceOf("refund-policy", 0), "tone", "friendly enough");

    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-labels-pull-"));
    const pulled = await pullLabelsFromMlflow({ mlflowRunId, as: "from-mlflow", judge: "groundedness", reportsDir, suiteFile, trackingUri: server.url, env: {} });

    expect(pulled.runId).toBe("20250102-030405-labels-pull");
    expect(pulled.ignored).toEqual([{ judge: "tone", case_id: "refund-policy", trial: 0, value: "friendly enough" }]);
    const set = await loadLabelSet(labelsDir(dirname(suiteFile)), "from-mlflow");
    expect(set).toMatchObject({ judge: "groundedness", run_id: "20250102-030405-labels-pull", source: { file: `mlflow:${mlflowRunId}` } });
    expect(set.items.map((i) => [i.case_id, i.trial, i.label, i.notes])).toEqual([
      ["greeting", 0, "fail", "Greets, but names the wrong product."],
      ["greeting", 1, "fail", undefined],
      ["refund-policy", 0, "pass", undefined],
      ["refund-policy", 1, "fail", "Two weeks is wrong."],
    ]);
    // The run was not in reportsDir: it was pulled, so items carry the trial's input and output.
    expect(set.items[2]).toMatchObject({ input: { question: "How long do refunds take?" }, output: "Refunds are processed within 5 business days." });
  });

  it("asks which judge when the traces carry HUMAN labels for several", async () => {
    const runDir = await copyFixtureRun("20250102-030405-labels-two");
    const suiteFile = await attachSuiteFile(runDir, "");
    const base = { runDir, trackingUri: server.url, experiment: "labels-two", env: {}, labeler: "s.csv" };
    const { mlflowRunId } = (await writeHumanLabels({ ...base, judge: "groundedness", labels: LABELS }))!;
    await writeHumanLabels({ ...base, judge: "polite", labels: LABELS.slice(0, 1) });
    const error = await pullLabelsFromMlflow({ mlflowRunId, as: "x", reportsDir: dirname(runDir), suiteFile, trackingUri: server.url, env: {} }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`MLflow run ${mlflowRunId} has HUMAN assessments for groundedness, polite: pass --judge <id> to say which judge the labels measure.`);
  });
});
