import { readFile, rm } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../../src/providers/index.js";
import { writeRunReports } from "../../src/html-report/index.js";
import { readRun } from "../../src/log/index.js";
import { readPageData } from "../../src/report/index.js";
import { pushRunToMlflow } from "../../src/tracking/index.js";
import { attachSuiteFile, copyFixtureRun, FIXTURE_RUN_DIR, FIXTURE_RUN_ID, readTraces, useMlflowServer } from "./helpers.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";

const server = useMlflowServer();

/**
 * The fixture run's expectations, checks and verdicts per trial: refund-policy
 * expects { keywords }, greeting expects nothing; the errored trial greeting#1
 * has no checks or verdicts.
 */
const FIXTURE_ASSESSMENTS = {
  "greeting#0": ["groundedness", "mentions-refund"],
  "greeting#1": [],
  "refund-policy#0": ["groundedness", "keywords", "mentions-refund"],
  "refund-policy#1": ["groundedness", "keywords", "mentions-refund"],
};

/** Assessment names per trial ("<case>#<trial>"), sorted, as read back from the server. */
async function assessmentNames(result: { experimentId: string; mlflowRunId: string }): Promise<Record<string, string[]>> {
  const traces = await tracesOfRun(result.experimentId, result.mlflowRunId);
  const entries = traces.map((t) => [
    `${t.trace_info.tags["evalgate.case_id"]}#${t.trace_info.tags["evalgate.trial"]}`,
    (t.trace_info.assessments ?? []).map((a: any) => a.assessment_name).sort(),
  ]);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

const asMap = (entries: { key: string; value: unknown }[]) => Object.fromEntries(entries.map((e) => [e.key, e.value]));

const tracesOfRun = (experimentId: string, mlflowRunId: string) => readTraces(server.rest, experimentId, mlflowRunId);

describe("pushRunToMlflow against a real MLflow server", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("logs the run as FINISHED with every param, tag and metric", async () => {
    const result = await pushRunToMlflow({ runDir: FIXTURE_RUN_DIR, trackingUri: server.url, experiment: "support-bot-evals", env: {} });
    expect(result.created).toBe(true);
    expect(result.warnings).toEqual([]);

    const { run } = await server.rest(`/api/2.0/mlflow/runs/get?run_id=${result.mlflowRunId}`);
    expect(run.info.status).toBe("FINISHED");
    expect(run.info.run_name).toBe("support-bot-1a2b3c4-20250102-030405");
    expect(run.info.start_time).toBe(Date.parse("2025-01-02T03:04:05.000Z"));
    expect(run.info.end_time).toBe(Date.parse("2025-01-02T03:05:10.000Z"));

    expect(asMap(run.data.params)).toEqual({
      suite: "support-bot",
      target: "databricks-serving support-bot (dataframe-records)",
      target_type: "databricks-serving",
      target_models: "databricks:support-bot",
      repeats: "2",
      concurrency: "4",
      evalgate_version: "0.1.0",
      config_hash: "3f1d2c0b9a8e7f6d5c4b3a29180716253443526170819a0b1c2d3e4f50617283",
      judge_models: "openai:gpt-4.1-mini",
      "judge/groundedness/model": "openai:gpt-4.1-mini",
      "judge/groundedness/version": "2",
      "dataset/cases.jsonl/sha256": "9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab",
    });

    expect(asMap(run.data.tags)).toMatchObject({
      "mlflow.runType": "genai_evaluate",
      // What MLflow's fluent API sets (the UI's "Created by" and "Source"); the suite file is the run's source.
      "mlflow.user": userInfo().username,
      "mlflow.source.name": "evalgate.yaml",
      "mlflow.source.type": "LOCAL",
      "mlflow.source.git.commit": "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
      "mlflow.source.git.branch": "main",
      "evalgate.run_id": FIXTURE_RUN_ID,
      "evalgate.serving.endpoint": "support-bot",
      "evalgate.serving.config_version": "7",
      "evalgate.serving.entity_name": "main.bots.support_bot",
      "evalgate.serving.entity_version": "3",
      "evalgate.push_complete": "true",
    });

    const metrics = asMap(run.data.metrics) as Record<string, number>;
    // Expected values worked out by hand from tests/tracking/fixtures/basic-run/results.jsonl.
    // Wilson 95% intervals from statsmodels proportion_confint(x, n, alpha=0.05, method="wilson"):
    // 2/3 → (0.2076596008, 0.9385080553); 1/2 → (0.0945312057, 0.9054687943).
    // Latency percentiles from numpy.percentile([700, 1250, 1900], [50, 95]) → [1250, 1835].
    const expected: Record<string, number> = {
      "mentions-refund/mean": 2 / 3,
      "mentions-refund/ci_low": 0.2076596008,
      "mentions-refund/ci_high": 0.9385080553,
      "groundedness/mean": 0.5,
      "groundedness/ci_low": 0.0945312057,
      "groundedness/ci_high": 0.9054687943,
      "overall/mean": 0.5,
      "overall/ci_low": 0.0945312057,
      "overall/ci_high": 0.9054687943,
      // Only refund-policy has k=2 scored trials: one pass, one fail.
      pass_at_k: 1,
      pass_hat_k: 0,
      pass_k_cases_excluded: 1,
      error_rate: 0.5,
      latency_p50_ms: 1250,
      latency_p95_ms: 1835,
      // Target 120+14+118+6+40+9 = 307, judges 300+40+290+35 = 665.
      total_tokens: 972,
      cost_usd: 0.0012,
    };
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expect(metrics[key], key).toBeCloseTo(value, 8);

    const { experiment } = await server.rest(`/api/2.0/mlflow/experiments/get?experiment_id=${result.experimentId}`);
    expect(experiment.name).toBe("support-bot-evals");
    expect(asMap(experiment.tags)["mlflow.experimentKind"]).toBe("genai_development");
  });

  it("uploads results, manifest, summary and report as artifacts identical to the local files", async () => {
    const runDir = await copyFixtureRun("20250102-030405-artifacts");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "artifacts", env: {} });
    const base = `${server.url}/api/2.0/mlflow-artifacts/artifacts/${result.experimentId}/${result.mlflowRunId}/artifacts`;
    for (const name of ["results.jsonl", "run.json", "report.md"]) {
      const response = await fetch(`${base}/${name}`);
      expect(response.status, name).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).toString("utf8"), name).toBe(await readFile(join(runDir, name), "utf8"));
    }
    // The fixture has no summary.json: the summary the metrics came from is logged instead.
    const summary = JSON.parse(await (await fetch(`${base}/summary.json`)).text());
    expect(summary).toMatchObject({ run_id: "20250102-030405-artifacts", suite: "support-bot", overall: { passed: 1, failed: 1, errors: 2 } });
    expect((await fetch(`${base}/report.html`)).status).toBe(404);
  });

  it("logs the dataset as a run input with its digest and row count", async () => {
    const runDir = await copyFixtureRun("20250102-030405-inputs");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "inputs", env: {} });
    const { run } = await server.rest(`/api/2.0/mlflow/runs/get?run_id=${result.mlflowRunId}`);
    expect(run.inputs.dataset_inputs).toHaveLength(1);
    const [input] = run.inputs.dataset_inputs;
    expect(input.dataset).toMatchObject({ name: "cases.jsonl", digest: "9c56cc51b374c3ba189210d5b6d4bf57790d" /* first 36 hex: the server caps digests at 36 chars */, source_type: "local" });
    expect(JSON.parse(input.dataset.profile)).toEqual({ num_rows: 2 });
    expect(JSON.parse(input.dataset.source)).toEqual({ uri: "data/cases.jsonl" });
  });

  it("logs one trace per trial, linked to the run, with spans and one assessment per check and judge", async () => {
    const runDir = await copyFixtureRun("20250102-030405-traces");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "traces", env: {} });
    const traces = await tracesOfRun(result.experimentId, result.mlflowRunId);
    expect(traces).toHaveLength(4);

    const byTrial = new Map(traces.map((t) => [`${t.trace_info.tags["evalgate.case_id"]}#${t.trace_info.tags["evalgate.trial"]}`, t]));
    expect([...byTrial.keys()].sort()).toEqual(["greeting#0", "greeting#1", "refund-policy#0", "refund-policy#1"]);
    for (const trace of traces) expect(trace.trace_info.trace_metadata["mlflow.sourceRun"]).toBe(result.mlflowRunId);

    const grounded = byTrial.get("refund-policy#1");
    expect(grounded.trace_info).toMatchObject({
      state: "OK",
      request_preview: '{"question":"How long do refunds take?"}',
      response_preview: "Usually about two weeks.",
    });
    const spanTypes = grounded.spans.map((s: any) => [s.name, s.attributes.find((a: any) => a.key === "mlflow.spanType")?.value.string_value]);
    expect(spanTypes.sort()).toEqual([
      ["pipeline", "CHAIN"],
      ["retrieval", "RETRIEVER"],
    ]);
    const root = grounded.spans.find((s: any) => s.name === "pipeline");
    const retriever = grounded.spans.find((s: any) => s.name === "retrieval");
    expect(retriever.parent_span_id).toBe(root.span_id);

    const assessments = Object.fromEntries(grounded.trace_info.assessments.map((a: any) => [a.assessment_name, a]));
    expect(assessments["mentions-refund"]).toMatchObject({
      source: { source_type: "CODE", source_id: "evalgate/contains" },
      feedback: { value: false },
      rationale: 'output does not contain "refund"',
    });
    expect(assessments.groundedness).toMatchObject({
      source: { source_type: "LLM_JUDGE", source_id: "openai:gpt-4.1-mini" },
      feedback: { value: false },
      rationale: "Two weeks contradicts the retrieved five business days.",
    });

    // A judge that could not score is an assessment error, never a value.
    const unscored = byTrial.get("greeting#0").trace_info.assessments.find((a: any) => a.assessment_name === "groundedness");
    expect(unscored.feedback.error).toMatchObject({ error_code: "JUDGE_ERROR", error_message: "judge reply could not be parsed" });
    expect(unscored.feedback.value ?? null).toBeNull();

    const failedTrial = byTrial.get("greeting#1");
    expect(failedTrial.trace_info.state).toBe("ERROR");
    expect(failedTrial.trace_info.assessments ?? []).toEqual([]);
    expect(failedTrial.spans).toHaveLength(1);
  });

  it("sends each trial's assessments with its trace: one StartTraceV3 per trial, no per-assessment requests", async () => {
    const runDir = await copyFixtureRun("20250102-030405-inline");
    const sent: string[] = [];
    const fetchSpy: FetchLike = (input, init) => {
      sent.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "inline", env: {}, client: { fetch: fetchSpy } });
    expect(sent.filter((r) => r.endsWith("/assessments"))).toEqual([]);
    expect(sent.filter((r) => r === "POST /api/3.0/mlflow/traces")).toHaveLength(4);
    expect(await assessmentNames(result)).toEqual(FIXTURE_ASSESSMENTS);
  });

  it("logs assessments one by one, each once, when the server drops those sent with the trace", async () => {
    const runDir = await copyFixtureRun("20250102-030405-dropped");
    // An MLflow server that predates assessments in StartTraceV3: it stores the trace and ignores them.
    const olderServer: FetchLike = (input, init) => {
      if (init?.method === "POST" && new URL(String(input)).pathname === "/api/3.0/mlflow/traces") {
        const body = JSON.parse(String(init.body)) as { trace: { trace_info: Record<string, unknown> } };
        delete body.trace.trace_info.assessments;
        return fetch(input, { ...init, body: JSON.stringify(body) });
      }
      return fetch(input, init);
    };
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "dropped", env: {}, client: { fetch: olderServer } });
    expect(result.warnings).toEqual([]);
    expect(await assessmentNames(result)).toEqual(FIXTURE_ASSESSMENTS);
  });

  it("marks assessments with the MLflow run as their source, so deleting the run deletes them", async () => {
    const runDir = await copyFixtureRun("20250102-030405-source-run");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "source-run", env: {} });
    const traces = await tracesOfRun(result.experimentId, result.mlflowRunId);
    const assessments = traces.flatMap((t) => t.trace_info.assessments ?? []);
    expect(assessments).toHaveLength(8);
    for (const a of assessments) expect(a.metadata["mlflow.assessment.sourceRunId"], a.assessment_name).toBe(result.mlflowRunId);

    await server.rest("/api/2.0/mlflow/runs/delete", { run_id: result.mlflowRunId });
    for (const trace of traces) {
      const { trace: after } = await server.rest(`/api/3.0/mlflow/traces/get?trace_id=${trace.trace_info.trace_id}`);
      expect(after.trace_info.assessments ?? []).toEqual([]);
    }
  });

  it("logs no assessment for a judge that did not apply to the case", async () => {
    // refund-policy#0 without its groundedness verdict: what a judge whose applies_when excludes the case leaves.
    const runDir = await copyFixtureRun("20250102-030405-not-applied", (text) =>
      text
        .split("\n")
        .map((line) => (line.includes('"case_id":"refund-policy","trial":0') ? line.replace(/"judges":\[.*\]\}$/, '"judges":[]}') : line))
        .join("\n"),
    );
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "not-applied", env: {} });
    expect((await assessmentNames(result))["refund-policy#0"]).toEqual(["keywords", "mentions-refund"]);
    // Nothing logged carries a null: a feedback has a value or an error, an expectation a value.
    for (const trace of await tracesOfRun(result.experimentId, result.mlflowRunId)) {
      for (const a of trace.trace_info.assessments ?? []) {
        const carried = a.expectation ? (a.expectation.value ?? a.expectation.serialized_value?.value) : (a.feedback?.value ?? a.feedback?.error);
        expect(carried ?? null, a.assessment_name).not.toBeNull();
      }
    }
  });

  it("tags traces with evalgate's and MLflow's own keys only (no OTLP service.name)", async () => {
    const runDir = await copyFixtureRun("20250102-030405-trace-tags");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "trace-tags", env: {} });
    for (const trace of await tracesOfRun(result.experimentId, result.mlflowRunId)) {
      const keys = Object.keys(trace.trace_info.tags);
      expect(keys.filter((k) => !k.startsWith("evalgate.") && !k.startsWith("mlflow.")), trace.trace_info.trace_id).toEqual([]);
    }
  });

  it("reports progress after each chunk of traces, ending with all of them", async () => {
    const runDir = await copyFixtureRun("20250102-030405-progress");
    const seen: { done: number; total: number }[] = [];
    await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "progress", env: {}, onProgress: ({ done, total }) => seen.push({ done, total }) });
    expect(seen).toEqual([{ done: 4, total: 4 }]);
  });

  it("returns the existing MLflow run when the same local run is pushed twice", async () => {
    const runDir = await copyFixtureRun("20250102-030405-twice");
    const first = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "twice", env: {} });
    const second = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "twice", env: {} });
    expect(second).toMatchObject({ created: false, mlflowRunId: first.mlflowRunId, experimentId: first.experimentId });
    const { runs } = await server.rest("/api/2.0/mlflow/runs/search", { experiment_ids: [first.experimentId] });
    expect(runs).toHaveLength(1);
    expect(await tracesOfRun(first.experimentId, first.mlflowRunId)).toHaveLength(4);
  });

  it("redoes a push that died midway, deleting the incomplete MLflow run", async () => {
    const runDir = await copyFixtureRun("20250102-030405-redo");
    const { experiment_id } = await server.rest("/api/2.0/mlflow/experiments/create", { name: "redo" });
    const { run: stale } = await server.rest("/api/2.0/mlflow/runs/create", {
      experiment_id,
      tags: [{ key: "evalgate.run_id", value: "20250102-030405-redo" }],
    });
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "redo", env: {} });
    expect(result.created).toBe(true);
    expect(result.mlflowRunId).not.toBe(stale.info.run_id);
    expect(result.warnings.join("\n")).toContain(`MLflow run ${stale.info.run_id} was an interrupted push`);
    const { runs } = await server.rest("/api/2.0/mlflow/runs/search", { experiment_ids: [experiment_id] });
    expect(runs.map((r: any) => r.info.run_id)).toEqual([result.mlflowRunId]);
  });

  it("never sends a credential from the environment to MLflow, even when the pipeline echoed it", async () => {
    const secret = "sk-planted-9f8e7d6c5b4a39281706";
    const runDir = await copyFixtureRun("20250102-030405-secret", (text) =>
      text.replace("Usually about two weeks.", `Usually about two weeks. debug: key=${secret}`),
    );
    const env = { OPENAI_API_KEY: secret, MLFLOW_TRACKING_TOKEN: "tracking-token-0a1b2c3d4e5f" };
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "secrets", env });

    const logged: string[] = [];
    logged.push(JSON.stringify(await server.rest(`/api/2.0/mlflow/runs/get?run_id=${result.mlflowRunId}`)));
    logged.push(JSON.stringify(await server.rest(`/api/2.0/mlflow/experiments/get?experiment_id=${result.experimentId}`)));
    const base = `${server.url}/api/2.0/mlflow-artifacts/artifacts/${result.experimentId}/${result.mlflowRunId}/artifacts`;
    for (const name of ["results.jsonl", "run.json", "summary.json", "report.md"]) logged.push(await (await fetch(`${base}/${name}`)).text());
    const traces = await tracesOfRun(result.experimentId, result.mlflowRunId);
    expect(traces).toHaveLength(4);
    logged.push(JSON.stringify(traces));

    const everything = logged.join("\n");
    expect(everything).toContain("debug: key=[redacted:OPENAI_API_KEY]");
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(env.MLFLOW_TRACKING_TOKEN);
  });
  it("redacts token-shaped strings with no variable set, warns naming the file, and leaves the local file as it was", async () => {
    // Shaped like a Databricks token, built at run time so no token-like literal is committed.
    const token = `dapi${"0123456789abcdef".repeat(2)}`;
    const runDir = await copyFixtureRun("20250102-030405-shapes", (text) => text.replace("Usually about two weeks.", `Usually about two weeks. token=${token}`));
    const before = await readFile(join(runDir, "results.jsonl"), "utf8");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "shapes", env: {} });

    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(join(runDir, "results.jsonl"));
    expect(result.warnings[0]).toContain("1 databricks-token");
    const base = `${server.url}/api/2.0/mlflow-artifacts/artifacts/${result.experimentId}/${result.mlflowRunId}/artifacts`;
    const logged = [await (await fetch(`${base}/results.jsonl`)).text(), JSON.stringify(await tracesOfRun(result.experimentId, result.mlflowRunId))].join("\n");
    expect(logged).toContain("token=[redacted:databricks-token]");
    expect(logged).not.toContain(token);
    expect(await readFile(join(runDir, "results.jsonl"), "utf8")).toBe(before);
  });

  it("redacts inside report.html's compressed data and results.csv as well", async () => {
    const token = `dapi${"fedcba9876543210".repeat(2)}`;
    const runDir = await copyFixtureRun("20250102-030405-page", (text) =>
      text.replace("Usually about two weeks.", `Usually about two weeks. token=${token}`).replace("Two weeks contradicts", `Quotes token=${token}. Two weeks contradicts`),
    );
    const { manifest, trials } = await readRun(runDir);
    await writeRunReports({ runDir, manifest, trials });
    const page = await readFile(join(runDir, "report.html"), "utf8");
    expect(JSON.stringify(readPageData(page))).toContain(token);
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "shapes-page", env: {} });

    expect(result.warnings.filter((w) => w.includes(join(runDir, "report.html")) || w.includes(join(runDir, "results.csv")))).toHaveLength(2);
    const base = `${server.url}/api/2.0/mlflow-artifacts/artifacts/${result.experimentId}/${result.mlflowRunId}/artifacts`;
    const uploaded = await (await fetch(`${base}/report.html`)).text();
    const data = JSON.stringify(readPageData(uploaded));
    expect(data).toContain("token=[redacted:databricks-token]");
    expect(data).not.toContain(token);
    const csv = await (await fetch(`${base}/results.csv`)).text();
    expect(csv).toContain("Quotes token=[redacted:databricks-token]. Two weeks contradicts");
    expect(csv).not.toContain(token);
    expect(await readFile(join(runDir, "report.html"), "utf8")).toBe(page);
  });
});

describe("pushRunToMlflow and the suite a run was made from", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  const experimentName = async (experimentId: string) => (await server.rest(`/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`)).experiment.name;

  it("logs to the suite's tracking URI and experiment when neither options nor environment name them", async () => {
    const runDir = await copyFixtureRun("20250102-030405-suite");
    await attachSuiteFile(runDir, `tracking:\n  mlflow:\n    tracking_uri: ${server.url}\n    experiment: from-suite\n`);
    const result = await pushRunToMlflow({ runDir, env: {} });
    expect(result.created).toBe(true);
    expect(await experimentName(result.experimentId)).toBe("from-suite");
  });

  it("lets options and MLFLOW_TRACKING_URI win over the suite's block, and the suite's experiment over MLFLOW_EXPERIMENT_NAME", async () => {
    const runDir = await copyFixtureRun("20250102-030405-precedence");
    // Nothing listens on port 9 (discard) on loopback: pushing there would fail.
    await attachSuiteFile(runDir, "tracking:\n  mlflow:\n    tracking_uri: http://127.0.0.1:9\n    experiment: suite-experiment\n");
    const viaEnv = await pushRunToMlflow({ runDir, env: { MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_NAME: "env-experiment" } });
    expect(await experimentName(viaEnv.experimentId)).toBe("suite-experiment");

    const runDir2 = await copyFixtureRun("20250102-030405-precedence2");
    await attachSuiteFile(runDir2, "tracking:\n  mlflow:\n    tracking_uri: http://127.0.0.1:9\n    experiment: suite-experiment\n");
    const viaOptions = await pushRunToMlflow({ runDir: runDir2, trackingUri: server.url, experiment: "option-experiment", env: {} });
    expect(await experimentName(viaOptions.experimentId)).toBe("option-experiment");
  });

  it("falls back to options and environment when the suite file no longer exists", async () => {
    const runDir = await copyFixtureRun("20250102-030405-gone");
    await rm(await attachSuiteFile(runDir, "tracking:\n  mlflow:\n    experiment: never-read\n"));
    const result = await pushRunToMlflow({ runDir, env: { MLFLOW_TRACKING_URI: server.url } });
    // Without the suite, the experiment defaults to the suite name recorded in run.json.
    expect(await experimentName(result.experimentId)).toBe("support-bot");
  });

  it("names the suite file in the missing-URI message when its tracking block has no tracking_uri", async () => {
    const runDir = await copyFixtureRun("20250102-030405-nouri-suite");
    const suiteFile = await attachSuiteFile(runDir, "tracking:\n  mlflow:\n    experiment: no-uri\n");
    const error = await pushRunToMlflow({ runDir, env: {} }).catch((e: Error) => e);
    expect((error as Error).message.replace(suiteFile, "<suite>")).toMatchInlineSnapshot(`"No MLflow tracking URI: set MLFLOW_TRACKING_URI, pass --tracking-uri, or add tracking_uri to the tracking.mlflow block of <suite> (e.g. http://127.0.0.1:5000 or databricks)."`);
  });

  it("refuses to guess when the suite file no longer validates, and says how to push without it", async () => {
    const runDir = await copyFixtureRun("20250102-030405-invalid-suite");
    const suiteFile = await attachSuiteFile(runDir, "tracking:\n  mlflow:\n    tracking_uri: 5000\n");
    const error = await pushRunToMlflow({ runDir, env: {} }).catch((e: Error) => e);
    expect((error as Error).message.split(suiteFile).join("<suite>")).toMatchInlineSnapshot(`
      "Run 20250102-030405-invalid-suite was made from <suite>, whose tracking: block says where to log it, but that file no longer loads.
      Fix it, or give --experiment and a tracking URI (--tracking-uri or MLFLOW_TRACKING_URI) so the suite file is not read.
      Invalid suite config in <suite>:
        ✖ Missing required key "experiment" (expected string) (line 7)
          → at tracking.mlflow.experiment
        ✖ Expected string, received number (line 8)
          → at tracking.mlflow.tracking_uri"
    `);
    const settled = await pushRunToMlflow({ runDir, env: { MLFLOW_TRACKING_URI: server.url }, experiment: "explicit" });
    expect(await experimentName(settled.experimentId)).toBe("explicit");
  });
});
