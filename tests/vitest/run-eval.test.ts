import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { RunManifestSchema } from "../../src/log/index.js";
import { runEval } from "../../src/vitest/index.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { useMlflowServer } from "../tracking/helpers.js";

// runEval is what describeEval runs at collection; these call it directly, as from a test file here.
const TEST_FILE = fileURLToPath(import.meta.url);
const SUITE = fileURLToPath(new URL("../../examples/support-bot/evalgate.yaml", import.meta.url));

async function manifestOf(runDir: string) {
  return RunManifestSchema.parse(JSON.parse(await readFile(join(runDir, "run.json"), "utf8")));
}

describe("runEval with a suite file", () => {
  it("takes what the code leaves out from the suite and records the suite as the run's suite_file", async () => {
    const reports = await mkdtemp(join(tmpdir(), "evalgate-vitest-suite-"));
    const run = await runEval("support-bot in vitest", { suite: "../../examples/support-bot/evalgate.yaml", repeats: 1, threshold: { overall: 0 }, tracking: false, reports_dir: reports }, { testFile: TEST_FILE });
    const manifest = await manifestOf(run.runDir);
    expect(manifest).toMatchObject({ suite: "support-bot in vitest", suite_file: SUITE, repeats: 1, concurrency: 4 });
    expect(manifest.datasets.map((d) => d.file)).toEqual([fileURLToPath(new URL("../../examples/support-bot/datasets/support-bot.jsonl", import.meta.url))]);
    expect(manifest.checks.map((c) => c.id)).toContain("cites-retrieved-articles");
    expect(manifest.judges.map((j) => j.id)).toEqual(["grounded-in-articles", "no-internal-contact-leak", "refuses-out-of-scope"]);
    expect(run.trials).toHaveLength(manifest.case_ids.length);
  });

  it("replaces the suite's cases, target and checks with those given in code", async () => {
    const reports = await mkdtemp(join(tmpdir(), "evalgate-vitest-suite-"));
    const run = await runEval(
      "override",
      {
        suite: SUITE,
        data: async () => [{ id: "hello", input: "hi" }],
        task: (input) => `echo: ${String(input)}`,
        checks: [{ id: "echoes", type: "contains", value: "echo" }],
        judges: [],
        threshold: { echoes: 1 },
        threshold_on: "estimate",
        tracking: false,
        reports_dir: reports,
      },
      { testFile: TEST_FILE },
    );
    const manifest = await manifestOf(run.runDir);
    expect(manifest).toMatchObject({ case_ids: ["hello"], datasets: [], checks: [{ id: "echoes", type: "contains" }], judges: [], repeats: 3 });
    expect(run.trials.map((t) => t.output)).toEqual(["echo: hi", "echo: hi", "echo: hi"]);
    expect(run.summary.overall.passed).toBe(3);
  });

  it("refuses a threshold on a metric the eval does not have, before any trial runs", async () => {
    const reports = await mkdtemp(join(tmpdir(), "evalgate-vitest-suite-"));
    const attempt = runEval("typo", { data: [{ id: "a", input: "q" }], task: () => "x", checks: [{ id: "cites", type: "citations" }], threshold: { citse: 0.9 }, reports_dir: reports }, { testFile: TEST_FILE });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(`No metric "citse" in this eval. Did you mean "cites"? Metrics: overall, cites`);
  });
});

describe("runEval with tracking configured (real MLflow server)", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  const mlflow = useMlflowServer();

  it("logs the completed run to MLflow as evalgate run does", async () => {
    const reports = await mkdtemp(join(tmpdir(), "evalgate-vitest-mlflow-"));
    const run = await runEval(
      "tracked",
      {
        data: [{ id: "a", input: "refund?" }, { id: "b", input: "shipping?" }],
        task: (input) => `About ${String(input)}`,
        checks: [{ id: "mentions-refund", type: "contains", value: "refund" }],
        repeats: 2,
        threshold: {},
        tracking: { mlflow: { tracking_uri: mlflow.url, experiment: "vitest-evals" } },
        reports_dir: reports,
      },
      { testFile: TEST_FILE },
    );
    expect(run.tracking).toMatchObject({ ok: true });
    const { experiment } = await mlflow.rest("/api/2.0/mlflow/experiments/get-by-name?experiment_name=vitest-evals");
    const { runs } = await mlflow.rest("/api/2.0/mlflow/runs/search", { experiment_ids: [experiment.experiment_id], filter: `tags.\`evalgate.run_id\` = '${run.runId}'` });
    expect(runs).toHaveLength(1);
    const metric = (key: string) => runs[0].data.metrics.find((m: { key: string }) => m.key === key)?.value;
    expect(metric("overall/mean")).toBeCloseTo(0.5, 10);
  });
});
