import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../e2e/cli.js";
import { attachSuiteFile, copyFixtureRun, mlflowRest, useMlflowServer } from "./helpers.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";

const server = useMlflowServer();

describe("evalgate mlflow push / pull", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("pushes a run, reports the same MLflow run on a second push, and pulls it back", async () => {
    const runDir = await copyFixtureRun("20250102-030405-cli");
    const reportsDir = dirname(runDir);
    const env = { MLFLOW_TRACKING_URI: server.url };

    const first = await runCli(["mlflow", "push", "20250102-030405-cli", "--reports-dir", reportsDir, "--experiment", "cli", "--json"], env);
    // Only the upload's progress (stderr is not a TTY here: one line per tenth of the traces, 4 in one chunk).
    expect(first.stderr).toMatch(/^MLflow: 4\/4 traces logged · \d+\.\ds\n$/);
    expect(first.code).toBe(0);
    const pushed = JSON.parse(first.stdout);
    expect(pushed).toMatchObject({ created: true, warnings: [] });

    const second = await runCli(["mlflow", "push", "20250102-030405-cli", "--reports-dir", reportsDir, "--experiment", "cli"], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      `evalgate: already logged run 20250102-030405-cli as MLflow run ${pushed.mlflowRunId}\n${server.url}/#/experiments/${pushed.experimentId}/runs/${pushed.mlflowRunId}\n`,
    );

    const dest = await mkdtemp(join(tmpdir(), "evalgate-cli-pull-"));
    const pulled = await runCli(["mlflow", "pull", pushed.mlflowRunId, "--dest", dest, "--json"], env);
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ runId: "20250102-030405-cli", runDir: join(dest, "20250102-030405-cli") });
    expect(await readFile(join(dest, "20250102-030405-cli", "results.jsonl"), "utf8")).toBe(await readFile(join(runDir, "results.jsonl"), "utf8"));
  });

  it("exits 3 with a message that keeps the local results when MLflow is unreachable", async () => {
    const runDir = await copyFixtureRun("20250102-030405-down");
    // Nothing listens on port 9 (discard) on loopback: the connection is refused at once.
    const result = await runCli(["mlflow", "push", "20250102-030405-down", "--reports-dir", dirname(runDir), "--tracking-uri", "http://127.0.0.1:9"], {
      MLFLOW_TRACKING_URI: "",
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("Logging run 20250102-030405-down to MLflow at http://127.0.0.1:9 failed");
    expect(result.stderr).toContain(`The local results in ${runDir} are intact; retry with: evalgate mlflow push 20250102-030405-down`);
    expect(await readFile(join(runDir, "results.jsonl"), "utf8")).toContain("20250102-030405-down");
  });

  it("pushes to the URI and experiment of the suite's tracking block with no flags and no MLFLOW_ variables", async () => {
    const runDir = await copyFixtureRun("20250102-030405-suite-cli");
    await attachSuiteFile(runDir, `tracking:\n  mlflow:\n    tracking_uri: ${server.url}\n    experiment: /Shared/from-suite\n`);
    const result = await runCli(["mlflow", "push", "20250102-030405-suite-cli", "--reports-dir", dirname(runDir), "--json", "--no-progress"], {
      MLFLOW_TRACKING_URI: "",
      MLFLOW_EXPERIMENT_NAME: "",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const pushed = JSON.parse(result.stdout);
    const { experiment } = await mlflowRest(server.url)(`/api/2.0/mlflow/experiments/get?experiment_id=${pushed.experimentId}`);
    expect(experiment.name).toBe("/Shared/from-suite");
    const { run } = await mlflowRest(server.url)(`/api/2.0/mlflow/runs/get?run_id=${pushed.mlflowRunId}`);
    expect(run.data.tags).toContainEqual({ key: "evalgate.run_id", value: "20250102-030405-suite-cli" });
  });

  it("exits 2 naming the missing setting, and the suite file to add it to, when no tracking URI is configured", async () => {
    const runDir = await copyFixtureRun("20250102-030405-nouri");
    const suiteFile = await attachSuiteFile(runDir, "");
    const result = await runCli(["mlflow", "push", "20250102-030405-nouri", "--reports-dir", dirname(runDir)], { MLFLOW_TRACKING_URI: "" });
    expect(result.code).toBe(2);
    expect(result.stderr.replace(suiteFile, "<suite>")).toMatchInlineSnapshot(`
      "evalgate: No MLflow tracking URI: set MLFLOW_TRACKING_URI, pass --tracking-uri, or add a tracking.mlflow block with tracking_uri and experiment to <suite> (e.g. http://127.0.0.1:5000 or databricks).
      "
    `);
  });
});
