import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readPageData } from "../../src/report/index.js";
import { runSuite } from "../../src/runner/index.js";
import { pushRunToMlflow } from "../../src/tracking/index.js";
import { startMlflowServer, type MlflowServer } from "../support/mlflow/server.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { runCli } from "../e2e/cli.js";
import { mlflowRest } from "./helpers.js";
import { recordedTrials } from "../support/recorded-trials.js";

// Two canaries, built at run time so no token-like literal is committed: one shaped
// like an OpenAI key behind a plainly named variable, one plain value behind an
// innocuous name that only redaction by value can catch.
const OPENAI_CANARY = `sk-canary-${randomBytes(12).toString("hex")}`;
const SVC_CANARY = `svc${randomBytes(10).toString("hex")}`;
const CANARIES = [OPENAI_CANARY, SVC_CANARY];

let mlflow: MlflowServer;
let rest: ReturnType<typeof mlflowRest>;
let echo: Server;
let echoUrl: string;

/** A service that answers with the headers it received: in the answer, the sources, and (for one case) an error body. */
function startEchoServer(): Promise<Server> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const seen = `auth=${request.headers.authorization} svc=${request.headers["x-svc"]}`;
      const status = body.includes("explode") ? 400 : 200;
      const payload = status === 400 ? { error: `rejected request with ${seen}` } : { answer: `echo: ${seen}`, sources: [{ id: "headers", text: seen }] };
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  [mlflow, echo] = await Promise.all([startMlflowServer(), startEchoServer()]);
  rest = mlflowRest(mlflow.url);
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => echo?.close(resolve));
  await mlflow?.stop();
});

async function writeSuite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "evalgate-canary-"));
  const cases = [
    { id: "echoes-headers", input: "what did you receive?" },
    { id: "errors-with-headers", input: "explode" },
  ];
  await writeFile(join(dir, "cases.jsonl"), cases.map((c) => JSON.stringify(c)).join("\n") + "\n");
  await writeFile(
    join(dir, "evalgate.yaml"),
    [
      "name: canary",
      "dataset: cases.jsonl",
      "repeats: 2",
      "target:",
      "  type: http",
      `  url: ${echoUrl}/answer`,
      "  headers:",
      "    Authorization: Bearer ${OPENAI_API_KEY}",
      "    X-Svc: ${SVC_BEARER}",
      '  body: { question: "{{input}}" }',
      "  output: $.answer",
      "  context: $.sources",
      "checks:",
      "  - id: says-hello",
      "    type: contains",
      "    value: hello",
      "tracking:",
      "  mlflow:",
      `    tracking_uri: ${mlflow.url}`,
      "    experiment: canary",
      "",
    ].join("\n"),
  );
  return dir;
}

/** Every file under `dir`, with the canaries each one holds. */
async function canaryHits(dir: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const raw = await readFile(file);
    // report.html carries the run compressed: look inside, or a leak there would go unseen.
    const bytes = entry.name === "report.html" ? Buffer.concat([raw, Buffer.from(JSON.stringify(readPageData(raw.toString("utf8")) ?? null))]) : raw;
    for (const canary of CANARIES) if (bytes.includes(canary)) hits.push(`${relative(dir, file)}: ${canary === OPENAI_CANARY ? "OPENAI_API_KEY" : "SVC_BEARER"}`);
  }
  return hits;
}

/** Params, tags, every artifact, every trace with its spans and assessments, as the server returns them. */
async function everythingLogged(experimentId: string, mlflowRunId: string): Promise<{ text: string; traces: any[]; artifacts: string[] }> {
  const parts: string[] = [];
  parts.push(JSON.stringify(await rest(`/api/2.0/mlflow/runs/get?run_id=${mlflowRunId}`)));
  const { files = [] } = await rest(`/api/2.0/mlflow/artifacts/list?run_id=${mlflowRunId}`);
  const artifacts = files.filter((f: any) => !f.is_dir).map((f: any) => f.path as string);
  const base = `${mlflow.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${mlflowRunId}/artifacts`;
  for (const name of artifacts) {
    const text = await (await fetch(`${base}/${name}`)).text();
    parts.push(text, name === "report.html" ? JSON.stringify(readPageData(text)) : "");
  }
  const found = await rest("/api/3.0/mlflow/traces/search", {
    locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
    filter: `trace.run_id = '${mlflowRunId}'`,
    max_results: 100,
  });
  const traces = await Promise.all((found.traces ?? []).map(async (info: any) => (await rest(`/api/3.0/mlflow/traces/get?trace_id=${info.trace_id}`)).trace));
  parts.push(JSON.stringify(traces));
  return { text: parts.join("\n"), traces, artifacts };
}

describe("secrets behind ${VAR} headers, echoed back by the service", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("reach neither the run directory, the cache, nor MLflow, then or in a later push without the variables", async () => {
    const suiteDir = await writeSuite();
    const reportsDir = join(suiteDir, "reports");
    vi.stubEnv("OPENAI_API_KEY", OPENAI_CANARY);
    vi.stubEnv("SVC_BEARER", SVC_CANARY);
    const result = await runSuite({ configFile: join(suiteDir, "evalgate.yaml"), reportsDir }).finally(() => vi.unstubAllEnvs());

    // The service did echo both values: without redaction they would be in the output and the error.
    const echoed = (await recordedTrials(result)).find((t) => t.case_id === "echoes-headers")!;
    expect(echoed.output).toBe("echo: auth=Bearer [redacted:OPENAI_API_KEY] svc=[redacted:SVC_BEARER]");
    const errored = (await recordedTrials(result)).find((t) => t.case_id === "errors-with-headers")!;
    expect(errored.status).toBe("error");
    expect(JSON.stringify(result)).not.toContain(SVC_CANARY);
    expect(JSON.stringify(result)).not.toContain(OPENAI_CANARY);

    // Everything under the suite dir: run.json, results.jsonl, summary.json, report.md, report.html, results.csv (and any cache).
    expect(await canaryHits(suiteDir)).toEqual([]);

    expect(result.tracking).toMatchObject({ ok: true });
    const tracked = result.tracking as { ok: true; mlflowRunId: string };
    const { experiment_id: experimentId } = (await rest(`/api/2.0/mlflow/runs/get?run_id=${tracked.mlflowRunId}`)).run.info;
    const logged = await everythingLogged(experimentId, tracked.mlflowRunId);
    // The read-back covered what the check is about: artifacts, traces with spans, assessment rationales.
    expect(logged.artifacts).toEqual(expect.arrayContaining(["results.jsonl", "run.json", "summary.json", "report.md", "report.html", "results.csv"]));
    expect(logged.traces).toHaveLength(4);
    const rationales = logged.traces.flatMap((t) => (t.trace_info.assessments ?? []).map((a: any) => a.rationale));
    expect(rationales.join("\n")).toContain("[redacted:SVC_BEARER]");
    expect(logged.traces.flatMap((t) => t.spans).length).toBeGreaterThanOrEqual(4);
    for (const canary of CANARIES) expect(logged.text).not.toContain(canary);

    // A later push, from a shell where neither variable is set, to another experiment.
    const copy = join(await mkdtemp(join(tmpdir(), "evalgate-canary-later-")), result.runId);
    await mkdir(dirname(copy), { recursive: true });
    await cp(result.runDir, copy, { recursive: true });
    const later = await pushRunToMlflow({ runDir: copy, trackingUri: mlflow.url, experiment: "canary-later", env: {} });
    const loggedLater = await everythingLogged(later.experimentId, later.mlflowRunId);
    expect(loggedLater.traces).toHaveLength(4);
    for (const canary of CANARIES) expect(loggedLater.text).not.toContain(canary);

    // Whatever the REST views leave out: the server's own store (SQLite and proxied artifacts) holds neither value.
    expect(await canaryHits(dirname(mlflow.artifactsDir))).toEqual([]);
  });

  it("reach neither stdout nor stderr of the CLI, nor the files it writes", async () => {
    const suiteDir = await writeSuite();
    const cli = await runCli(["run", join(suiteDir, "evalgate.yaml"), "--reports-dir", join(suiteDir, "reports"), "--no-tracking"], {
      OPENAI_API_KEY: OPENAI_CANARY,
      SVC_BEARER: SVC_CANARY,
    });
    // Exit 1: the check fails every trial and one case errors, by design.
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain("rejected request with auth=");
    for (const canary of CANARIES) expect(cli.stdout + cli.stderr).not.toContain(canary);
    expect(await canaryHits(suiteDir)).toEqual([]);
  });
});
