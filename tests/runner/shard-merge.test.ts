import { readFile, writeFile, mkdtemp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { orderTrials, readRun, runPathsIn, type RunManifest, type TrialRecord } from "../../src/log/index.js";
import type { Summary } from "../../src/report/index.js";
import { mergeRuns, runSuite, selectShard, type RunResult } from "../../src/runner/index.js";
import { createSeededRandom } from "../../src/stats/index.js";

const JUDGE_FILE = resolve(import.meta.dirname, "../../judges/no-internal-contact-leak.md");
const SEED = 20261202;
const SHARDS = 3;
const TAGS = ["billing", "login", "export"];

let dir: string;
let suiteFile: string;
let caseIds: string[];
let unsharded: RunResult;

/**
 * A suite whose outcomes come from a fixed seed: scripted answers that pass or
 * fail a check per trial (flaky cases included), trials with no scripted
 * answer (target errors), and a scripted judge whose verdict also varies by
 * trial. Scripted answers never touch the response cache, so a second run of
 * the same trial records the same outcome.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-shard-merge-"));
  const random = createSeededRandom(SEED);
  caseIds = Array.from({ length: 40 }, (_, i) => `${TAGS[i % 3]}-${random.int(1000, 9999)}-${i}`);
  const cases = caseIds.map((id, i) => JSON.stringify({ id, input: `question ${i}`, expected: `answer ${i}`, tags: [TAGS[i % 3]] }));
  const replies: string[] = [];
  const verdicts: string[] = [];
  caseIds.forEach((id, i) => {
    for (let trial = 0; trial < 3; trial++) {
      const roll = random.int(0, 99);
      if (roll < 5) continue; // no answer: the trial errors
      replies.push(JSON.stringify({ case_id: id, trial, output: roll < 70 ? `answer ${i}` : `no idea` }));
      const verdict = random.int(0, 9) < 8 ? "PASS" : "FAIL";
      verdicts.push(JSON.stringify({ judge: "no-internal-contact-leak", case_id: id, trial, text: JSON.stringify({ critique: `${verdict} for ${id} #${trial}`, verdict }) }));
    }
  });
  await writeFile(join(dir, "cases.jsonl"), `${cases.join("\n")}\n`);
  await writeFile(join(dir, "replies.jsonl"), `${replies.join("\n")}\n`);
  await writeFile(join(dir, "verdicts.jsonl"), `${verdicts.join("\n")}\n`);
  suiteFile = join(dir, "evalgate.yaml");
  await writeFile(
    suiteFile,
    [
      "name: sharded",
      "dataset: cases.jsonl",
      "repeats: 3",
      "concurrency: 4",
      "target: { type: scripted, path: replies.jsonl }",
      "checks:",
      "  - { id: answers, type: equals }",
      "  - { id: not-empty, type: length, min: 1 }",
      `judges: [${JUDGE_FILE}]`,
      "judge_model: scripted:verdicts.jsonl",
      "",
    ].join("\n"),
  );
  unsharded = await runSuite({ configFile: suiteFile, reportsDir: join(dir, "whole"), tracking: "off" });
});

/** What must differ between two runs of the same trials: their ids and clocks. */
function comparable(summary: Summary, { latency }: { latency: boolean }) {
  const { run_id: _id, generated_at: _generated, started_at: _started, ended_at: _ended, latency_ms, ...rest } = summary;
  return latency ? { ...rest, latency_ms } : { ...rest, latency_ms: { trials: latency_ms.trials } };
}

describe("sharded runs merged", () => {
  it("equal the unsharded run: every summary field but ids, clocks and measured latencies", async () => {
    const shards = [];
    for (let index = 1; index <= SHARDS; index++) {
      shards.push(await runSuite({ configFile: suiteFile, reportsDir: join(dir, "shards"), tracking: "off", shard: { index, count: SHARDS } }));
    }
    // The outcomes vary (else equality would prove little): passes, fails, errors and flaky cases.
    expect(unsharded.summary.overall).toMatchObject({ passed: expect.any(Number), failed: expect.any(Number), errors: expect.any(Number) });
    expect(Math.min(unsharded.summary.overall.passed, unsharded.summary.overall.failed, unsharded.summary.overall.errors)).toBeGreaterThan(0);
    expect(unsharded.summary.flaky_cases.length).toBeGreaterThan(0);

    // Disjoint, covering, each the cases the hash assigns.
    const shardCases = shards.map((s) => s.manifest.case_ids);
    expect(shardCases.flat().sort()).toEqual([...caseIds].sort());
    shards.forEach((s, i) => expect(s.manifest.shard).toMatchObject({ index: i + 1, count: SHARDS, cases_total: caseIds.length }));

    const merged = await mergeRuns({ runDirs: shards.map((s) => s.runDir).reverse(), reportsDir: join(dir, "merged"), tracking: "off" });
    expect(merged.manifest.case_ids).toEqual(caseIds);
    expect(merged.manifest.merged_from?.map((m) => m.run_id)).toEqual(shards.map((s) => s.runId));
    expect(comparable(merged.summary, { latency: false })).toEqual(comparable(unsharded.summary, { latency: false }));
    expect(merged.summary.run_id).toBe(merged.runId);
  });

  it("over the very same trials, equal it in every field but run_id and generated_at, with the same results, report and CSV", async () => {
    const shardDirs = await splitIntoShards(unsharded.runDir, join(dir, "split"));
    const merged = await mergeRuns({ runDirs: shardDirs, reportsDir: join(dir, "merged-same"), tracking: "off" });
    const { run_id: _a, generated_at: _b, ...expected } = unsharded.summary;
    const { run_id: _c, generated_at: _d, ...actual } = merged.summary;
    expect(actual).toEqual(expected);

    // results.jsonl: the unsharded trials in case then trial order, now under the merged run's id.
    const whole = await readRun(unsharded.runDir);
    const mergedLines = (await readFile(runPathsIn(merged.runDir).results, "utf8")).trimEnd().split("\n");
    expect(mergedLines).toEqual(orderTrials(whole.manifest, whole.trials).trials.map((t) => JSON.stringify({ ...t, run_id: merged.runId })));

    const normalise = (text: string, run: { runId: string; summary: Summary }) => text.split(run.runId).join("RUN").split(run.summary.generated_at).join("GENERATED");
    const read = async (file: string, run: { runId: string; runDir: string; summary: Summary }) => normalise(await readFile(join(run.runDir, file), "utf8"), run);
    expect(await read("report.md", merged)).toBe(await read("report.md", unsharded));
    // results.csv is written in a streaming pass in log order: the order trials finished in the
    // unsharded run, case then trial order in the merged one. Same rows, order aside.
    const rows = (text: string) => {
      const [header, ...body] = text.trimEnd().split("\n");
      return [header, ...body.sort()];
    };
    expect(rows(await read("results.csv", merged))).toEqual(rows(await read("results.csv", unsharded)));
  });
});

describe("merge refuses", () => {
  let shardDirs: string[];
  beforeAll(async () => {
    shardDirs = await splitIntoShards(unsharded.runDir, join(dir, "refusals"));
  });

  const attempt = async (dirs: string[]) => {
    try {
      await mergeRuns({ runDirs: dirs, reportsDir: join(dir, "refused"), tracking: "off" });
    } catch (error) {
      return (error as Error).message.split(dir).join("<tmp>");
    }
    throw new Error("merged");
  };

  it.each<[string, (m: RunManifest) => RunManifest]>([
    ["config_hash", (m) => ({ ...m, config_hash: "0".repeat(64) })],
    ["datasets", (m) => ({ ...m, datasets: m.datasets.map((d) => ({ ...d, sha256: "f".repeat(64) })) })],
    ["judges", (m) => ({ ...m, judges: m.judges.map((j) => ({ ...j, version: "edited" })) })],
    ["files", (m) => ({ ...m, files: [...(m.files ?? []), { file: "extra.ts", sha256: "a".repeat(64) }] })],
    ["repeats", (m) => ({ ...m, repeats: 5 })],
  ])("shards that differ in %s, naming the run and the field", async (field, edit) => {
    const odd = await copyShard(shardDirs[1]!, `odd-${field}`, edit);
    const message = await attempt([shardDirs[0]!, odd, shardDirs[2]!]);
    expect(message).toContain(`run odd-${field} (<tmp>/odd/odd-${field}) differs from run split-1 (<tmp>/refusals/split-1) in ${field}:`);
  });

  it("a different experiment, with how to fix it", async () => {
    const odd = await copyShard(shardDirs[1]!, "odd-judge", (m) => ({ ...m, judges: m.judges.map((j) => ({ ...j, version: "edited" })) }));
    expect(await attempt([shardDirs[0]!, odd, shardDirs[2]!])).toMatch(
      /^Cannot merge: run odd-judge \(<tmp>\/odd\/odd-judge\) differs from run split-1 \(<tmp>\/refusals\/split-1\) in judges: no-internal-contact-leak@edited on scripted:verdicts\.jsonl vs no-internal-contact-leak@\w+ on scripted:verdicts\.jsonl\. Shards of one run must come from the same suite, data, files and evalgate; re-run the odd shard from the same commit\.$/,
    );
  });

  it("a shard given twice, and a missing shard", async () => {
    expect(await attempt([shardDirs[0]!, shardDirs[1]!, shardDirs[1]!])).toMatchInlineSnapshot(
      `"Cannot merge: run split-2 (<tmp>/refusals/split-2) and run split-2 (<tmp>/refusals/split-2) are both shard 2/3; pass each shard once."`,
    );
    expect(await attempt([shardDirs[0]!, shardDirs[2]!])).toMatchInlineSnapshot(`"Cannot merge: shard 2/3 is missing; pass one completed run for each of the 3 shards."`);
  });

  it("overlapping shards: a case present in two of them", async () => {
    const first = await readRun(shardDirs[0]!);
    const stolen = first.manifest.case_ids[0]!;
    const overlapping = await copyShard(shardDirs[1]!, "overlap", (m) => ({ ...m, case_ids: [...m.case_ids, stolen], shard: { ...m.shard!, positions: [...m.shard!.positions, 999] } }), (trials) => [
      ...trials,
      ...first.trials.filter((t) => t.case_id === stolen).map((t) => ({ ...t, run_id: "overlap" })),
    ]);
    expect(await attempt([shardDirs[0]!, overlapping, shardDirs[2]!])).toBe(
      `Cannot merge: case "${stolen}" is in both run split-1 (<tmp>/refusals/split-1) and run overlap (<tmp>/odd/overlap); shards must not overlap.`,
    );
  });

  it("a shard still running, and one missing trials", async () => {
    const running = await copyShard(shardDirs[1]!, "running", (m) => ({ ...m, status: "running" }));
    expect(await attempt([shardDirs[0]!, running, shardDirs[2]!])).toMatchInlineSnapshot(
      `"Cannot merge: run running (<tmp>/odd/running) is still running, or crashed ("status": "running"): let it finish or resume it with evalgate run --resume running, then merge."`,
    );
    const short = await copyShard(shardDirs[1]!, "short", (m) => m, (trials) => trials.slice(1));
    const expected = (await readRun(shardDirs[1]!)).trials.length;
    expect(await attempt([shardDirs[0]!, short, shardDirs[2]!])).toBe(
      `Cannot merge: run short (<tmp>/odd/short) is incomplete: ${expected - 1} of ${expected} trials in results.jsonl; resume it with evalgate run --resume short, then merge.`,
    );
  });

  it("a run that is not a shard", async () => {
    expect(await attempt([unsharded.runDir])).toBe(
      `Cannot merge: run ${unsharded.runId} (<tmp>/whole/${unsharded.runId}) is not a shard (its run.json has no "shard"); merge combines runs made with evalgate run --shard i/n.`,
    );
  });
});

/**
 * Splits a finished run into shard runs holding exactly its trials, as
 * `run --shard` would have recorded them: the same trials, so a merge of them
 * must give back the run itself.
 */
async function splitIntoShards(runDir: string, into: string): Promise<string[]> {
  const { manifest, trials } = await readRun(runDir);
  const cases = manifest.case_ids.map((id) => ({ id }));
  const dirs: string[] = [];
  for (let index = 1; index <= SHARDS; index++) {
    const { cases: picked, positions } = selectShard(cases, { index, count: SHARDS });
    const runId = `split-${index}`;
    const ids = new Set(picked.map((c) => c.id));
    const shardManifest: RunManifest = { ...manifest, run_id: runId, case_ids: [...ids], shard: { index, count: SHARDS, cases_total: cases.length, positions } };
    dirs.push(await writeRunDir(join(into, runId), shardManifest, trials.filter((t) => ids.has(t.case_id)).map((t) => ({ ...t, run_id: runId }))));
  }
  return dirs;
}

async function copyShard(from: string, runId: string, edit: (m: RunManifest) => RunManifest, editTrials: (t: TrialRecord[]) => TrialRecord[] = (t) => t): Promise<string> {
  const { manifest, trials } = await readRun(from);
  return writeRunDir(join(dir, "odd", runId), edit({ ...manifest, run_id: runId }), editTrials(trials.map((t) => ({ ...t, run_id: runId }))));
}

async function writeRunDir(runDir: string, manifest: RunManifest, trials: readonly TrialRecord[]): Promise<string> {
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, "run.json"), JSON.stringify(manifest, null, 2));
  await writeFile(join(runDir, "results.jsonl"), trials.map((t) => `${JSON.stringify(t)}\n`).join(""));
  return runDir;
}
