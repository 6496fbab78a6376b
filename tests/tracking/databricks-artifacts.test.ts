import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRunFromMlflow, pushRunToMlflow } from "../../src/tracking/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { copyFixtureRun } from "./helpers.js";

const TOKEN = "dapi-test-token-0123456789";
const RUN_ID = "dbx0run0000000000000000000000001";
const blobs = new Map<string, string>();

/** Just enough of a Databricks workspace's MLflow API to push and pull one run. */
function registerDatabricksMlflow(standin: Standin): void {
  const ok = () => ({ json: {} });
  const run = (localRunId: string) => ({
    info: { run_id: RUN_ID, experiment_id: "42", status: "FINISHED", artifact_uri: `dbfs:/databricks/mlflow-tracking/42/${RUN_ID}/artifacts` },
    data: { tags: [{ key: "evalgate.run_id", value: localRunId }] },
  });
  standin.route("GET", "/api/2.0/mlflow/experiments/get-by-name", ({ request }) => ({
    json: { experiment: { experiment_id: "42", name: request.query.experiment_name, tags: [] } },
  }));
  standin.route("POST", "/api/2.0/mlflow/runs/search", () => ({ json: {} }));
  standin.route("POST", "/api/2.0/mlflow/runs/create", () => ({ json: { run: { ...run("unused"), info: { ...run("unused").info, status: "RUNNING" } } } }));
  standin.route("GET", "/api/2.0/mlflow/runs/get", () => ({ json: { run: run("20250102-030405-dbx") } }));
  for (const path of [
    "/api/2.0/mlflow/experiments/set-experiment-tag",
    "/api/2.0/mlflow/runs/log-batch",
    "/api/2.0/mlflow/runs/log-inputs",
    "/api/2.0/mlflow/runs/update",
    "/api/3.0/mlflow/traces",
    "/api/2.0/mlflow/traces/link-to-run",
  ]) {
    standin.route("POST", path, ok);
  }
  standin.route("POST", /^\/api\/3\.0\/mlflow\/traces\/(?<id>[^/]+)\/assessments$/, ok);
  for (const kind of ["write", "read"] as const) {
    standin.route("POST", `/api/2.0/mlflow/artifacts/credentials-for-${kind}`, ({ request }) => {
      const body = request.body as { run_id: string; path: string[] };
      return {
        json: {
          credential_infos: body.path.map((path) => ({
            run_id: body.run_id,
            path,
            signed_uri: `${standin.url}/blob/${path}?sv=2023-11-03&sig=signed-${kind}`,
            type: "AZURE_SAS_URI",
            headers: [{ name: "x-ms-version", value: "2023-11-03" }],
          })),
        },
      };
    });
  }
  standin.route("PUT", /^\/blob\/(?<name>[^/]+)$/, ({ request, params }) => {
    blobs.set(params.name as string, request.rawBody);
    return { status: 201, text: "" };
  });
  standin.route("GET", /^\/blob\/(?<name>[^/]+)$/, ({ params }) => {
    const content = blobs.get(params.name as string);
    return content === undefined ? { status: 404, text: "BlobNotFound" } : { text: content };
  });
}

let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({ apiKeys: [TOKEN] });
  registerDatabricksMlflow(standin);
});

afterAll(async () => {
  await standin?.close();
});

describe("MLflow on Databricks (against the stand-in)", () => {
  it("uploads artifacts to the signed URLs from credentials-for-write, without workspace credentials", async () => {
    const runDir = await copyFixtureRun("20250102-030405-dbx");
    const env = { DATABRICKS_HOST: standin.url, DATABRICKS_TOKEN: TOKEN };
    const result = await pushRunToMlflow({ runDir, trackingUri: "databricks", experiment: "/Shared/support-bot-evals", env });
    expect(result).toMatchObject({ experimentId: "42", mlflowRunId: RUN_ID, created: true });
    expect(result.warnings).toEqual(["Trace spans are not uploaded to Databricks yet: traces carry previews, tags and assessments only."]);

    const credentialCalls = standin.requests.filter((r) => r.path === "/api/2.0/mlflow/artifacts/credentials-for-write");
    expect(credentialCalls.map((r) => r.body)).toEqual(
      ["run.json", "results.jsonl", "summary.json", "report.md"].map((path) => ({ run_id: RUN_ID, path: [path] })),
    );
    const puts = standin.requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.path)).toEqual(["/blob/run.json", "/blob/results.jsonl", "/blob/summary.json", "/blob/report.md"]);
    for (const put of puts) {
      expect(put.query).toEqual({ sv: "2023-11-03", sig: "signed-write" });
      expect(put.headers["x-ms-blob-type"]).toBe("BlockBlob");
      expect(put.headers["x-ms-version"]).toBe("2023-11-03");
      expect(put.headers.authorization).toBeUndefined();
    }
    for (const name of ["run.json", "results.jsonl", "report.md"]) expect(blobs.get(name), name).toBe(await readFile(join(runDir, name), "utf8"));

    const apiCalls = standin.requests.filter((r) => r.path.startsWith("/api/"));
    expect(apiCalls.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(standin.requests.some((r) => r.path === "/v1/traces")).toBe(false);
    const traceStarts = standin.requests.filter((r) => r.path === "/api/3.0/mlflow/traces");
    expect(traceStarts).toHaveLength(4);
    // Databricks gets assessments one request each, as its API documents, never inside the trace.
    expect(traceStarts.every((r) => (r.body as { trace: { trace_info: object } }).trace.trace_info.hasOwnProperty("assessments"))).toBe(false);
    const assessments = standin.requests.filter((r) => r.path.endsWith("/assessments")).map((r) => (r.body as { assessment: any }).assessment);
    // 6 checks and verdicts, and the `keywords` expectation of each refund-policy trial.
    expect(assessments).toHaveLength(8);
    for (const a of assessments) expect(a.metadata["mlflow.assessment.sourceRunId"]).toBe(RUN_ID);
  });

  it("pulls a run back through credentials-for-read signed URLs", async () => {
    const runDir = await copyFixtureRun("20250102-030405-dbx");
    const dest = await mkdtemp(join(tmpdir(), "evalgate-dbx-pull-"));
    const pulled = await pullRunFromMlflow({ mlflowRunId: RUN_ID, destDir: dest, trackingUri: "databricks", env: { DATABRICKS_HOST: standin.url, DATABRICKS_TOKEN: TOKEN } });
    expect(await readFile(join(pulled.runDir, "results.jsonl"), "utf8")).toBe(await readFile(join(runDir, "results.jsonl"), "utf8"));
    const reads = standin.requests.filter((r) => r.method === "GET" && r.path.startsWith("/blob/"));
    expect(reads.every((r) => r.query.sig === "signed-read" && r.headers.authorization === undefined)).toBe(true);
  });
});
