import { readFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findLatestRunForEntityVersion, pullRunFromMlflow, pushRunToMlflow } from "../../src/tracking/index.js";
import { copyFixtureRun, mlflowRest, useMlflowServer } from "./helpers.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";

const server = useMlflowServer();

describe("pullRunFromMlflow against a real MLflow server", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("downloads a pushed run into a local run dir with identical results.jsonl and run.json", async () => {
    const runDir = await copyFixtureRun("20250102-030405-pull");
    const pushed = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "pull", env: {} });
    const dest = await mkdtemp(join(tmpdir(), "evalgate-pull-"));

    const pulled = await pullRunFromMlflow({ mlflowRunId: pushed.mlflowRunId, destDir: dest, trackingUri: server.url, env: {} });

    expect(pulled.runDir).toBe(join(dest, "20250102-030405-pull"));
    expect(pulled.files.sort()).toEqual(["report.md", "results.jsonl", "run.json", "summary.json"]);
    for (const name of ["results.jsonl", "run.json", "report.md"]) {
      expect(await readFile(join(pulled.runDir, name), "utf8"), name).toBe(await readFile(join(runDir, name), "utf8"));
    }
    expect(pulled.run.trials).toHaveLength(4);
    expect(pulled.run.manifest.run_id).toBe("20250102-030405-pull");
  });

  it("finds the newest finished run for a serving entity version and pulls it by filter", async () => {
    const older = await copyFixtureRun("20250102-030405-v3-old");
    const newer = await copyFixtureRun("20250102-030405-v3-new", (text) => text.replace('"started_at": "2025-01-02T03:04:05.000Z"', '"started_at": "2025-01-03T03:04:05.000Z"'));
    const otherVersion = await copyFixtureRun("20250102-030405-v4", (text) =>
      text.replace('"entity_version": "3"', '"entity_version": "4"').replace('"started_at": "2025-01-02T03:04:05.000Z"', '"started_at": "2025-01-04T03:04:05.000Z"'),
    );
    for (const runDir of [older, newer, otherVersion]) await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "baseline", env: {} });
    // A run someone else logged with the same tag but no finished evalgate push must never be the baseline.
    const rest = mlflowRest(server.url);
    const { experiment } = await rest("/api/2.0/mlflow/experiments/get-by-name?experiment_name=baseline");
    await rest("/api/2.0/mlflow/runs/create", {
      experiment_id: experiment.experiment_id,
      start_time: Date.parse("2025-02-01T00:00:00Z"),
      tags: [{ key: "evalgate.serving.entity_version", value: "3" }],
    });

    const found = await findLatestRunForEntityVersion({ experiment: "baseline", entityVersion: "3", trackingUri: server.url, env: {} });
    expect(found?.data.tags.find((t) => t.key === "evalgate.run_id")?.value).toBe("20250102-030405-v3-new");

    const dest = await mkdtemp(join(tmpdir(), "evalgate-pull-"));
    const pulled = await pullRunFromMlflow({
      filter: "tags.`evalgate.serving.entity_version` = '4'",
      experiment: "baseline",
      destDir: dest,
      trackingUri: server.url,
      env: {},
    });
    expect(pulled.run.manifest.run_id).toBe("20250102-030405-v4");
  });

  it("refuses to pull an MLflow run that evalgate did not push", async () => {
    const rest = mlflowRest(server.url);
    const { experiment_id } = await rest("/api/2.0/mlflow/experiments/create", { name: "foreign" });
    const { run } = await rest("/api/2.0/mlflow/runs/create", { experiment_id });
    const dest = await mkdtemp(join(tmpdir(), "evalgate-pull-"));
    await expect(pullRunFromMlflow({ mlflowRunId: run.info.run_id, destDir: dest, trackingUri: server.url, env: {} })).rejects.toThrow(
      `MLflow run ${run.info.run_id} was not pushed by evalgate (it has no evalgate.run_id tag), so it has no results log to pull.`,
    );
  });
});
