import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readResults, readManifest, runPaths } from "../../src/log/index.js";
import { exportLabels } from "../../src/alignment/index.js";
import { readMlflowTraces, scoreProduction } from "../../src/production/index.js";
import { createMlflowClient, resolveMlflowConnection } from "../../src/tracking/index.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { mlflowVenv } from "../support/mlflow/venv.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { readTraces, useMlflowServer } from "../tracking/helpers.js";

const run = promisify(execFile);
const LOG_TRACES = resolve(import.meta.dirname, "fixtures/log_traces.py");
const JUDGE_FILE = resolve(import.meta.dirname, "../../judges/grounded-in-context.md");
const EXPERIMENT = "support-bot-production";

const mlflow = useMlflowServer();
let standin: Standin;
let dir: string;
let suiteFile: string;

/** Runs the production app's logging script with the MLflow venv's python. */
async function logProductionTraces(batch: "first" | "second"): Promise<void> {
  const { python } = await mlflowVenv();
  await run(python, [LOG_TRACES, mlflow.url, EXPERIMENT, batch], {
    env: { ...process.env, MLFLOW_ENABLE_TELEMETRY: "false", MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" },
    timeout: 120_000,
  });
}

function writeSuite(maxLength: number): Promise<void> {
  return writeFile(
    suiteFile,
    [
      "name: support-bot-prod",
      "dataset: unused.jsonl",
      "target: { type: scripted, path: unused.jsonl }",
      "guardrails: guardrails.yaml",
      "checks:",
      "  - { id: short, type: length, max: " + maxLength + " }",
      '  - { id: no-90-days, type: not-contains, value: "90 days" }',
      `judges: [${JUDGE_FILE}]`,
      "judge_model: openai:gpt-4.1-mini",
      "providers:",
      "  openai:",
      `    base_url: ${standin.url}/v1`,
      "tracking:",
      "  mlflow:",
      `    tracking_uri: ${mlflow.url}`,
      "    experiment: evalgate-production-scoring",
      "",
    ].join("\n"),
  );
}

const judgeCalls = () => standin.requests.filter((r) => r.path === "/v1/chat/completions").length;

async function tracesOf(experimentId: string): Promise<any[]> {
  const found = await mlflow.rest("/api/3.0/mlflow/traces/search", {
    locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
    max_results: 100,
  });
  return Promise.all((found.traces ?? []).map(async (t: any) => (await mlflow.rest(`/api/3.0/mlflow/traces/${t.trace_id}`)).trace.trace_info));
}

beforeAll(async () => {
  standin = await startStandin({ apiKeys: ["judge-key"] });
  standin.script(
    { match: /90 days/, json: { critique: "The context allows 30 days; the answer says 90.", verdict: "FAIL" } },
    { match: /.*/, json: { critique: "Every claim is in the retrieved document.", verdict: "PASS" } },
  );
  vi.stubEnv("OPENAI_API_KEY", "judge-key");
  dir = await mkdtemp(join(tmpdir(), "evalgate-score-mlflow-"));
  suiteFile = join(dir, "evalgate.yaml");
  await writeFile(join(dir, "unused.jsonl"), "");
  await writeFile(
    join(dir, "guardrails.yaml"),
    [
      "name: prod",
      "input:",
      "  - { id: pii-in, type: pii, action: redact, entities: [EMAIL] }",
      "output:",
      "  - { id: long-answer, type: length, action: block, max: 20 }",
      "",
    ].join("\n"),
  );
  await writeSuite(200);
}, 600_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await standin?.close();
});

describe("scoring production traces from MLflow", { timeout: MLFLOW_TEST_TIMEOUT_MS * 2 }, () => {
  it("scores traces a production app logged, writes verdicts back as assessments, and never scores a trace twice", async () => {
    await logProductionTraces("first");
    const reportsDir = join(dir, "reports");
    const first = await scoreProduction({ configFile: suiteFile, from: `mlflow:${EXPERIMENT}`, reportsDir, env: {} });

    // Four traces: three answered, one failed request (state ERROR) left out.
    expect(first.source).toMatchObject({ kind: "mlflow", uri: `mlflow:${EXPERIMENT}`, found: 4, skipped: 0, count: 3 });
    expect(first.failed).toBe(1);
    expect(judgeCalls()).toBe(3);
    const runResult = first.run!;
    const manifest = await readManifest(runPaths(reportsDir, runResult.runId));
    expect(manifest.source).toEqual(first.source);
    expect(manifest.target).toMatchObject({ type: "replay", source: `mlflow:${EXPERIMENT}` });
    expect(manifest.repeats).toBe(1);

    const { trials } = await readResults(runPaths(reportsDir, runResult.runId).results);
    const byQuestion = new Map(trials.map((t) => [JSON.stringify(t.input), t]));
    const late = byQuestion.get(JSON.stringify({ question: "Can I get a refund 60 days after buying?" }))!;
    // Inputs and outputs from the root span, context from the RETRIEVER span.
    expect(late.output).toBe("Yes, refunds can be requested up to 90 days after purchase.");
    expect(late.trace?.context).toEqual([expect.objectContaining({ id: "kb/window.md", text: "Refunds can be requested within 30 days of purchase." })]);
    expect(late.trace?.source).toEqual({ origin: `mlflow:${EXPERIMENT}`, trace_id: late.case_id });
    expect(late.case_id).toMatch(/^tr-[0-9a-f]{32}$/);
    expect(late.checks.map((c) => [c.id, c.outcome])).toEqual([
      ["short", "pass"],
      ["no-90-days", "fail"],
    ]);
    expect(late.judges.map((j) => [j.id, j.outcome])).toEqual([["grounded-in-context", "fail"]]);

    // Guards observe after the fact: the e-mail is seen (decision recorded, action as configured) but nothing is redacted or blocked.
    const email = byQuestion.get(JSON.stringify({ question: "My email is jane.doe@example.com, how do I reset my password?" }))!;
    expect(email.guardrails?.map((d) => [d.stage, d.id, d.action, d.triggered])).toEqual([
      ["input", "pii-in", "redact", true],
      ["output", "long-answer", "block", true],
    ]);
    expect(email.output).toBe("Reset your password under Settings > Security.");

    // Written back: one assessment per check and judge on each source trace, tied to the scoring run.
    expect(first.writeBack).toEqual({ assessments: 9, traces: 3, failed: 0 });
    const mlflowRunId = runResult.tracking?.ok ? runResult.tracking.mlflowRunId : "";
    expect(mlflowRunId).not.toBe("");
    const experiment = (await mlflow.rest(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=${EXPERIMENT}`)).experiment;
    const infos = await tracesOf(experiment.experiment_id);
    const lateInfo = infos.find((info) => info.trace_id === late.case_id);
    const verdicts = Object.fromEntries(
      lateInfo.assessments.map((a: any) => [a.assessment_name, { source: a.source.source_type, value: a.feedback.value, rationale: a.rationale, metadata: a.metadata }]),
    );
    expect(verdicts["no-90-days"]).toMatchObject({ source: "CODE", value: false, metadata: { "evalgate.run_id": runResult.runId, "evalgate.scorer": "no-90-days" } });
    expect(verdicts["grounded-in-context"]).toMatchObject({
      source: "LLM_JUDGE",
      value: false,
      rationale: "The context allows 30 days; the answer says 90.",
      metadata: {
        "evalgate.run_id": runResult.runId,
        "evalgate.mlflow_run_id": mlflowRunId,
        "mlflow.assessment.sourceRunId": mlflowRunId,
        "evalgate.scorer_version": manifest.judges[0]!.version,
        "evalgate.failure_mode": "answer not supported by the provided context",
      },
    });
    expect(verdicts.short).toMatchObject({ source: "CODE", value: true });
    // The scoring run's own traces in MLflow name the production trace each output came from.
    const scoring = (await mlflow.rest("/api/2.0/mlflow/experiments/get-by-name?experiment_name=evalgate-production-scoring")).experiment;
    const copies = await readTraces(mlflow.rest, scoring.experiment_id, mlflowRunId);
    expect(copies.map((t) => t.trace_info.tags["evalgate.source_trace"]).sort()).toEqual(trials.map((t) => t.case_id).sort());
    const failedInfo = infos.find((info) => info.state === "ERROR");
    expect(failedInfo.assessments ?? []).toEqual([]);

    // A scored run exports for hand-labelling like any run: the retrieved documents travel with each output.
    const sheet = join(dir, "labels.csv");
    const exported = await exportLabels({ runId: runResult.runId, reportsDir, judge: "grounded-in-context", out: sheet });
    expect(exported.rows).toBe(3);
    expect(await readFile(sheet, "utf8")).toContain("Refunds can be requested within 30 days of purchase.");

    // Run again: every trace is already scored at these versions; nothing is scored or written twice.
    const again = await scoreProduction({ configFile: suiteFile, from: `mlflow:${EXPERIMENT}`, reportsDir, env: {} });
    expect(again.source).toMatchObject({ found: 4, skipped: 3, count: 0 });
    expect(again.run).toBeUndefined();
    expect(judgeCalls()).toBe(3);
    const counts = async () => (await tracesOf(experiment.experiment_id)).map((info) => (info.assessments ?? []).length).sort();
    expect(await counts()).toEqual([0, 3, 3, 3]);

    // New traffic: only the new trace is scored.
    await logProductionTraces("second");
    const third = await scoreProduction({ configFile: suiteFile, from: `mlflow:${EXPERIMENT}`, reportsDir, env: {}, tracking: "off" });
    expect(third.source).toMatchObject({ found: 5, skipped: 3, count: 1 });
    expect(third.writeBack).toMatchObject({ assessments: 3, traces: 1 });
    expect(await counts()).toEqual([0, 3, 3, 3, 3]);

    // Every page is read; the source's filter and the time window narrow the search on the server.
    const client = createMlflowClient(await resolveMlflowConnection({ trackingUri: mlflow.url, env: {} }));
    const paged = await readMlflowTraces({ client, experiment: EXPERIMENT, window: {}, pageSize: 2 });
    expect(new Set(paged.records.map((r) => r.traceId)).size).toBe(5);
    const ok = await readMlflowTraces({ client, experiment: experiment.experiment_id, filter: "trace.status = 'OK'", window: {}, pageSize: 2 });
    expect(ok.records).toHaveLength(4);
    const newest = paged.records.map((r) => r.timestamp!).sort().at(-1)!;
    const newer = await readMlflowTraces({ client, experiment: EXPERIMENT, window: { since: newest }, pageSize: 2 });
    expect(newer.records.map((r) => r.input)).toEqual([{ question: "When will my refund arrive?" }]);

    // A changed check re-scores every trace, but writes only the changed check's verdicts; the judge's stand.
    await writeSuite(300);
    const fourth = await scoreProduction({ configFile: suiteFile, from: `mlflow:${EXPERIMENT}`, reportsDir, env: {}, tracking: "off" });
    expect(fourth.source).toMatchObject({ found: 5, skipped: 0, count: 4 });
    expect(fourth.writeBack).toMatchObject({ assessments: 4, traces: 4 });
    expect(await counts()).toEqual([0, 4, 4, 4, 4]);
  });
});
