import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

let dir: string;
let suite: string;
const ids = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-shard-cli-"));
  await writeFile(join(dir, "cases.jsonl"), ids.map((id) => JSON.stringify({ id, input: id, expected: id })).join("\n"));
  // bravo answers wrongly on its second trial: one fail, one flaky case.
  await writeFile(join(dir, "replies.jsonl"), [...ids.map((id) => JSON.stringify({ case_id: id, output: id })), JSON.stringify({ case_id: "bravo", trial: 1, output: "nope" })].join("\n"));
  suite = join(dir, "evalgate.yaml");
  await writeFile(suite, ["name: cli-shards", "dataset: cases.jsonl", "repeats: 2", "target: { type: scripted, path: replies.jsonl }", "checks:", "  - { id: same, type: equals }", ""].join("\n"));
});

const runDirOf = (stderr: string) => /results in (.+)\n/.exec(stderr)?.[1] ?? "";

describe("evalgate run --shard and evalgate merge", () => {
  it("run two shards, list them with validate, merge them into the unsharded summary", async () => {
    const whole = await runCli(["run", suite, "--reports-dir", join(dir, "reports"), "--json", "--no-progress", "--no-tracking"]);
    expect(whole.code, whole.stderr).toBe(0);
    const shards = [];
    for (const shard of ["1/2", "2/2"]) {
      const listed = await runCli(["validate", suite, "--shard", shard, "--json"]);
      const run = await runCli(["run", suite, "--shard", shard, "--reports-dir", join(dir, "reports"), "--json", "--no-progress", "--no-tracking"]);
      expect(run.code, run.stderr).toBe(0);
      const manifest = JSON.parse(await readFile(join(runDirOf(run.stderr), "run.json"), "utf8"));
      expect(JSON.parse(listed.stdout).shard.cases).toEqual(manifest.case_ids);
      shards.push(runDirOf(run.stderr));
    }
    const merged = await runCli(["merge", ...shards, "--out", join(dir, "merged"), "--json", "--no-tracking"]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/^evalgate: merged 2 shards \(.+, .+\) into .+\n$/);
    const pick = (text: string) => {
      const { overall, cases, flaky_cases, totals, scores } = JSON.parse(text);
      return { overall, cases, flaky_cases, totals, scores };
    };
    expect(pick(merged.stdout)).toEqual(pick(whole.stdout));
    expect(pick(merged.stdout).flaky_cases).toEqual(["bravo"]);
  });

  it.each(["0/4", "5/4", "x"])("--shard %s is a usage error (exit 2)", async (shard) => {
    const result = await runCli(["run", suite, "--shard", shard, "--reports-dir", join(dir, "reports"), "--no-tracking"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`evalgate: Expected --shard i/n with whole numbers 1 ≤ i ≤ n, e.g. 2/4 for the second of four shards; received "${shard}".\n`);
  });

  it("merge with a shard missing exits 2 and says which", async () => {
    const run = await runCli(["run", suite, "--shard", "1/3", "--reports-dir", join(dir, "reports"), "--no-progress", "--no-tracking"]);
    const merged = await runCli(["merge", runDirOf(run.stderr), "--out", join(dir, "merged")]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toMatchInlineSnapshot(`
      "evalgate: Cannot merge: shard 2/3, 3/3 are missing; pass one completed run for each of the 3 shards.
      "
    `);
  });
});
