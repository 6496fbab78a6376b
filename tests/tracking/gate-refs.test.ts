import { describe, expect, it } from "vitest";
import { runGate } from "../../src/gate/index.js";
import { pushRunToMlflow } from "../../src/tracking/index.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { copyFixtureRun, useMlflowServer } from "./helpers.js";

const server = useMlflowServer();

describe("evalgate gate with mlflow: references (real MLflow server)", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("compares a local candidate with a baseline named by MLflow run id and by latest-with-tag", async () => {
    // Two pushed runs on "main"; the newer one is the baseline "latest" must find.
    const older = await copyFixtureRun("20250102-030405-gate-old");
    const newer = await copyFixtureRun("20250102-030405-gate-new", (text) => text.replace(/"started_at": "2025-01-02T03:04:05\.000Z"/, '"started_at": "2025-01-05T03:04:05.000Z"'));
    const pushedOld = await pushRunToMlflow({ runDir: older, trackingUri: server.url, experiment: "gate-refs", env: {} });
    const pushedNew = await pushRunToMlflow({ runDir: newer, trackingUri: server.url, experiment: "gate-refs", env: {} });
    const candidate = await copyFixtureRun("20250102-030405-gate-candidate");
    const access = { trackingUri: server.url, env: {}, gate: { missing_cases: "fail" as const } };

    const byId = await runGate({ ...access, baseline: `mlflow:${pushedOld.mlflowRunId}`, candidate });
    expect(byId.baseline.run.manifest.run_id).toBe("20250102-030405-gate-old");
    expect(byId.result.baseline.ref).toBe(`mlflow:${pushedOld.mlflowRunId}`);
    expect(byId.result.cases.shared).toBe(2);

    const latest = await runGate({ ...access, baseline: "mlflow:latest?experiment=gate-refs&tag.mlflow.source.git.branch=main", candidate });
    expect(latest.baseline.run.manifest.run_id).toBe("20250102-030405-gate-new");
    expect(latest.result.metrics.find((m) => m.id === "overall")!.difference.estimate).toBe(0);
    expect(pushedNew.created).toBe(true);
  });

  it("reports a latest filter that matches nothing as a missing run", async () => {
    const candidate = await copyFixtureRun("20250102-030405-gate-nothing");
    await expect(
      runGate({ trackingUri: server.url, env: {}, baseline: "mlflow:latest?experiment=gate-refs&tag.mlflow.source.git.branch=release", candidate }),
    ).rejects.toMatchObject({ code: "RUN_NOT_FOUND" });
  });
});
