import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../e2e/cli.js";
import { startMlflowServer, type MlflowServer } from "../support/mlflow/server.js";
import { copyFixtureRun } from "./helpers.js";

let server: MlflowServer;

beforeAll(async () => {
  server = await startMlflowServer();
});

afterAll(async () => {
  await server?.stop();
});

describe("evalgate mlflow push / pull", () => {
  it("pushes a run, reports the same MLflow run on a second push, and pulls it back", async () => {
    const runDir = await copyFixtureRun("20250102-030405-cli");
    const reportsDir = dirname(runDir);
    const env = { MLFLOW_TRACKING_URI: server.url };

    const first = await runCli(["mlflow", "push", "20250102-030405-cli", "--reports-dir", reportsDir, "--experiment", "cli", "--json"], env);
    expect(first.stderr).toBe("");
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

  it("exits 2 naming the missing setting when no tracking URI is configured", async () => {
    const runDir = await copyFixtureRun("20250102-030405-nouri");
    const result = await runCli(["mlflow", "push", "20250102-030405-nouri", "--reports-dir", dirname(runDir)], { MLFLOW_TRACKING_URI: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "evalgate: No MLflow tracking URI: set MLFLOW_TRACKING_URI, pass --tracking-uri, or add tracking.mlflow.tracking_uri to the suite config (e.g. http://127.0.0.1:5000 or databricks).
      "
    `);
  });
});
