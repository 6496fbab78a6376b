import { describe, expect, it, vi } from "vitest";
import { pushRunToMlflow } from "../../src/tracking/index.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { copyFixtureRun, readTraces, useMlflowServer } from "./helpers.js";

// Every whole-file read evalgate makes, by path: a push must stream results.jsonl, never read it whole.
const reads = vi.hoisted(() => [] as string[]);
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = ((path: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    reads.push(String(path));
    return (actual.readFile as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFile;
  return { ...actual, readFile, default: { ...actual, readFile } };
});

const server = useMlflowServer();

describe("pushRunToMlflow reads the results log in a streaming pass", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("logs every trial's trace and the log as an artifact without reading results.jsonl whole", async () => {
    const runDir = await copyFixtureRun("20250102-030405-stream1");
    reads.length = 0;
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "streamed-push", env: {} });
    expect(result.created).toBe(true);
    expect(await readTraces(server.rest, result.experimentId, result.mlflowRunId)).toHaveLength(4);
    const artifacts = await server.rest(`/api/2.0/mlflow/artifacts/list?run_id=${result.mlflowRunId}`);
    expect(artifacts.files.map((f: { path: string }) => f.path)).toContain("results.jsonl");
    expect(reads.some((file) => file.endsWith("run.json"))).toBe(true);
    expect(reads.filter((file) => file.endsWith("results.jsonl"))).toEqual([]);
  });
});
