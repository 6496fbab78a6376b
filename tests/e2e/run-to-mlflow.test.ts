import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMlflowServer, type MlflowServer } from "../support/mlflow/server.js";
import { mlflowRest } from "../tracking/helpers.js";
import { FIXTURES, runCli } from "./cli.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";

const EXAMPLE = join(FIXTURES, "..", "..", "..", "examples", "support-bot", "evalgate.yaml");

describe("evalgate run with MLFLOW_TRACKING_URI (real MLflow server)", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  let server: MlflowServer;
  beforeAll(async () => {
    server = await startMlflowServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("logs the example run with its metrics, tags and one trace per trial", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-mlflow-e2e-"));
    const result = await runCli(["run", EXAMPLE, "--reports-dir", reportsDir, "--json"], {
      MLFLOW_TRACKING_URI: server.url,
      MLFLOW_EXPERIMENT_NAME: "support-bot-e2e",
    });
    expect(result.stderr).toContain("logged to MLflow");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    // Upload progress on stderr: a plain line per tenth of the way, as stderr is not a TTY here.
    const trials = summary.totals.trials_recorded;
    expect(result.stderr).toMatch(new RegExp(`^MLflow: ${trials}/${trials} traces logged · \\d+\\.\\ds$`, "m"));
    const [runId] = await readdir(reportsDir);

    const rest = mlflowRest(server.url);
    const { experiment } = await rest("/api/2.0/mlflow/experiments/get-by-name?experiment_name=support-bot-e2e");
    const { runs } = await rest("/api/2.0/mlflow/runs/search", {
      experiment_ids: [experiment.experiment_id],
      filter: `tags.\`evalgate.run_id\` = '${runId}'`,
    });
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run.info.status).toBe("FINISHED");
    const metric = (key: string) => run.data.metrics.find((m: { key: string }) => m.key === key)?.value;
    expect(metric("overall/mean")).toBeCloseTo(summary.overall.pass_rate.rate, 10);
    for (const score of summary.scores) expect(metric(`${score.id}/mean`)).toBeCloseTo(score.pass_rate.rate, 10);
    const tag = (key: string) => run.data.tags.find((t: { key: string }) => t.key === key)?.value;
    expect(tag("mlflow.runType")).toBe("genai_evaluate");

    // One trace per trial, linked to the run; page through the search (the server caps a page at 100).
    const traceIds: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await rest("/api/3.0/mlflow/traces/search", {
        locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experiment.experiment_id } }],
        filter: `trace.run_id = '${run.info.run_id}'`,
        max_results: 100,
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      traceIds.push(...(page.traces ?? []).map((t: { trace_id: string }) => t.trace_id));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    expect(traceIds).toHaveLength(summary.totals.trials_recorded);
    expect(new Set(traceIds).size).toBe(traceIds.length);

    // Each trace carries one assessment per check and per judge verdict of its trial.
    const records = (await readFile(join(reportsDir, runId as string, "results.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    for (const traceId of traceIds.slice(0, 12)) {
      const { trace } = await rest(`/api/3.0/mlflow/traces/get?trace_id=${traceId}`);
      const tags = trace.trace_info.tags;
      const trial = records.find((t) => t.case_id === tags["evalgate.case_id"] && String(t.trial) === tags["evalgate.trial"]);
      const expected = [...trial.checks, ...trial.judges].map((s: { id: string }) => s.id).sort();
      const names = trace.trace_info.assessments.map((a: { assessment_name: string }) => a.assessment_name).sort();
      expect(names).toEqual(expected);
      for (const a of trace.trace_info.assessments) expect(a.metadata["mlflow.assessment.sourceRunId"]).toBe(run.info.run_id);
    }
  });
});
