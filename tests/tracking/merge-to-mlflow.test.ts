import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeRuns, runSuite } from "../../src/runner/index.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { readTraces, useMlflowServer } from "./helpers.js";

const server = useMlflowServer();

/** A scripted suite logging to the test server through its tracking: block, which the merge reads from the shards' suite_file. */
async function suite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "evalgate-merge-mlflow-"));
  const ids = ["refund", "login", "export", "invoice", "sso", "delete", "tags"];
  await writeFile(join(dir, "cases.jsonl"), ids.map((id) => JSON.stringify({ id, input: `about ${id}`, expected: id, tags: [id.length > 4 ? "long" : "short"] })).join("\n"));
  const replies = ids.map((id) => JSON.stringify({ case_id: id, output: id }));
  // Flaky and failing trials, so pass rates and intervals are not trivial.
  replies.push(JSON.stringify({ case_id: "login", trial: 1, output: "nope" }), JSON.stringify({ case_id: "sso", output: "nope" }));
  await writeFile(join(dir, "replies.jsonl"), replies.join("\n"));
  const file = join(dir, "evalgate.yaml");
  await writeFile(
    file,
    [
      "name: merged-mlflow",
      "dataset: cases.jsonl",
      "repeats: 2",
      "target: { type: scripted, path: replies.jsonl }",
      "checks:",
      "  - { id: same, type: equals }",
      "tracking:",
      "  mlflow:",
      `    tracking_uri: ${server.url}`,
      "    experiment: merged-mlflow",
      "",
    ].join("\n"),
  );
  return file;
}

const asMap = (entries: { key: string; value: unknown }[] = []) => Object.fromEntries(entries.map((e) => [e.key, e.value]));

describe("a merged run in MLflow (real server)", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("has the unsharded run's params, metrics and traces; only ids, clocks and latencies differ", async () => {
    const configFile = await suite();
    const reportsDir = join(configFile, "..", "reports");
    const whole = await runSuite({ configFile, reportsDir });
    expect(whole.tracking?.ok).toBe(true);
    const shards = [];
    for (const index of [1, 2, 3]) shards.push(await runSuite({ configFile, reportsDir, tracking: "off", shard: { index, count: 3 } }));
    const merged = await mergeRuns({ runDirs: shards.map((s) => s.runDir), reportsDir });
    expect(merged.tracking?.ok, JSON.stringify(merged.tracking)).toBe(true);

    const runOf = async (outcome: typeof whole.tracking) => (await server.rest(`/api/2.0/mlflow/runs/get?run_id=${(outcome as { mlflowRunId: string }).mlflowRunId}`)).run;
    const [a, b] = [await runOf(whole.tracking), await runOf(merged.tracking)];
    expect(b.info.experiment_id).toBe(a.info.experiment_id);
    expect(asMap(b.data.params)).toEqual(asMap(a.data.params));

    const latency = (key: string) => key.includes("latency");
    const metrics = (run: typeof a) => Object.fromEntries(Object.entries(asMap(run.data.metrics)).filter(([key]) => !latency(key)));
    expect(Object.keys(metrics(a)).length).toBeGreaterThan(5);
    expect(metrics(b)).toEqual(metrics(a));

    const tags = (run: typeof a) => {
      const { "evalgate.run_id": _id, "evalgate.merged_from": _from, "mlflow.runName": _name, ...rest } = asMap(run.data.tags) as Record<string, string>;
      return rest;
    };
    expect(tags(b)).toEqual(tags(a));
    expect(asMap(b.data.tags)["evalgate.merged_from"]).toBe(shards.map((s) => s.runId).join(","));

    // One trace per trial, with the same assessments.
    const traces = async (run: typeof a) =>
      (await readTraces(server.rest, run.info.experiment_id, run.info.run_id))
        .map((t) => `${t.trace_info.tags["evalgate.case_id"]}#${t.trace_info.tags["evalgate.trial"]}: ${(t.trace_info.assessments ?? []).map((x: any) => `${x.assessment_name}=${JSON.stringify(x.feedback?.value ?? x.expectation?.value)}`).sort().join(" ")}`)
        .sort();
    const wholeTraces = await traces(a);
    expect(wholeTraces).toHaveLength(14);
    expect(await traces(b)).toEqual(wholeTraces);
  });
});
