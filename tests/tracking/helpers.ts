import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { startMlflowServer, type MlflowServer } from "../support/mlflow/server.js";

export const FIXTURE_RUN_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "basic-run");
export const FIXTURE_RUN_ID = "20250102-030405-a1b2c3";

/**
 * A copy of the fixture run under a fresh temp dir, with its run id replaced
 * (so each test pushes a distinct local run) and optional text edits.
 */
export async function copyFixtureRun(runId: string, edit: (text: string) => string = (t) => t): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "evalgate-tracking-"));
  const dir = join(root, runId);
  await cp(FIXTURE_RUN_DIR, dir, { recursive: true });
  for (const name of ["run.json", "results.jsonl"]) {
    const file = join(dir, name);
    await writeFile(file, edit((await readFile(file, "utf8")).split(FIXTURE_RUN_ID).join(runId)));
  }
  return dir;
}

/** Raw MLflow REST calls, to read back what evalgate logged without going through its client. */
export function mlflowRest(baseUrl: string) {
  return async function rest<T = any>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** Every trace of an MLflow run, read back in full (info, assessments, spans). */
export async function readTraces(rest: ReturnType<typeof mlflowRest>, experimentId: string, mlflowRunId: string): Promise<any[]> {
  const found = await rest("/api/3.0/mlflow/traces/search", {
    locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
    filter: `trace.run_id = '${mlflowRunId}'`,
    max_results: 100,
  });
  return Promise.all((found.traces ?? []).map(async (info: any) => (await rest(`/api/3.0/mlflow/traces/get?trace_id=${info.trace_id}`)).trace));
}

/**
 * Writes a minimal valid suite file next to a copied run and points the run's
 * run.json at it, as `evalgate run` records the suite it ran. `tracking` is
 * the YAML of the suite's tracking: block ("" for none).
 */
export async function attachSuiteFile(runDir: string, tracking: string): Promise<string> {
  const suiteFile = join(dirname(runDir), "evalgate.yaml");
  await writeFile(suiteFile, `name: support-bot\ndataset: cases.jsonl\ntarget:\n  type: scripted\n  path: replies.jsonl\n${tracking}`);
  const manifestFile = join(runDir, "run.json");
  const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { suite_file: string };
  await writeFile(manifestFile, JSON.stringify({ ...manifest, suite_file: suiteFile }, null, 2));
  return suiteFile;
}

export interface TestMlflowServer {
  /** http://127.0.0.1:<port>, set once the server is up (inside tests). */
  url: string;
  rest: ReturnType<typeof mlflowRest>;
}

/** A real `mlflow server` for the calling test file: started before its tests, stopped after them. */
export function useMlflowServer(): TestMlflowServer {
  let server: MlflowServer | undefined;
  const shared = {} as TestMlflowServer;
  beforeAll(async () => {
    server = await startMlflowServer();
    shared.url = server.url;
    shared.rest = mlflowRest(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return shared;
}
