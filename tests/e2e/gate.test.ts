import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "./cli.js";

const EXAMPLE_DIR = join(FIXTURES, "..", "..", "..", "examples", "support-bot");
const EXAMPLE = join(EXAMPLE_DIR, "evalgate.yaml");

/** Runs the example suite into `reportsDir` and returns the new run's id. */
async function runExample(reportsDir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const before = new Set(await readdir(reportsDir));
  const result = await runCli(["run", EXAMPLE, "--reports-dir", reportsDir, "--no-progress", "--no-cache"], env);
  expect(result.code, result.stderr).toBe(0);
  const created = (await readdir(reportsDir)).filter((name) => !before.has(name));
  expect(created).toHaveLength(1);
  return created[0]!;
}

/**
 * The example's scripted replies with every third case's answer replaced by
 * an uncited, unhelpful one: the prompt change a gate must catch.
 */
async function degradedReplies(dir: string): Promise<{ file: string; degraded: string[] }> {
  const lines = (await readFile(join(EXAMPLE_DIR, "replies.jsonl"), "utf8")).split("\n").filter((l) => l.trim() !== "");
  const degraded: string[] = [];
  const out = lines.map((line, index) => {
    const reply = JSON.parse(line) as { case_id: string; text: string };
    if (index % 3 !== 0) return line;
    degraded.push(reply.case_id);
    return JSON.stringify({ ...reply, text: "Please check our website or contact the escalation desk at help@acme.example for details." });
  });
  const file = join(dir, "degraded-replies.jsonl");
  await writeFile(file, `${out.join("\n")}\n`);
  return { file, degraded };
}

describe("evalgate gate on runs of the example suite", () => {
  let reportsDir: string;
  let baseline: string;
  let same: string;
  let worse: string;
  let degradedCases: string[];

  beforeAll(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), "evalgate-gate-e2e-"));
    const replies = await degradedReplies(reportsDir);
    degradedCases = replies.degraded;
    baseline = await runExample(reportsDir);
    same = await runExample(reportsDir);
    worse = await runExample(reportsDir, { SUPPORT_BOT_MODEL: `scripted:${replies.file}` });
  }, 180_000);

  it("passes two runs of the same config (exit 0)", async () => {
    const result = await runCli(["gate", "--baseline", baseline, "--candidate", same, "--reports-dir", reportsDir]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^evalgate gate: PASS\n/);
    expect(result.stdout).toContain("34 shared cases");
  });

  it("fails a candidate whose replies degraded on a third of the cases (exit 1), naming metrics and cases", async () => {
    const markdown = join(reportsDir, "gate.md");
    const junit = join(reportsDir, "gate.xml");
    const summaryFile = join(reportsDir, "step-summary.md");
    await writeFile(summaryFile, "earlier step\n");
    const result = await runCli(
      ["gate", "--baseline", baseline, "--candidate", join(reportsDir, worse), "--reports-dir", reportsDir, "--markdown", markdown, "--junit", junit],
      { GITHUB_STEP_SUMMARY: summaryFile },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^evalgate gate: FAIL\n/);
    expect(result.stdout).toMatch(/✗ fail {9}overall: −\d+\.\d pts \(95% CI .*\): a clear regression beyond −5\.0 pts\./);
    expect(result.stdout).toMatch(/✗ fail {9}cites-retrieved-articles: /);
    expect(result.stdout).toMatch(new RegExp(`\\n  ${degradedCases[0]} +3/3 → 0/3  cites-retrieved-articles: cites no retrieved document`));

    const written = await readFile(markdown, "utf8");
    expect(written).toContain("FAIL");
    expect(await readFile(summaryFile, "utf8")).toBe(`earlier step\n\n${written}`);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await readFile(junit, "utf8"));
    expect(Number(xml.testsuites["@_failures"])).toBeGreaterThan(0);
  });

  it("prints the documented JSON shape with --json", async () => {
    const result = await runCli(["gate", "--baseline", baseline, "--candidate", worse, "--reports-dir", reportsDir, "--json"]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.verdict).toBe("fail");
    const overall = json.metrics.find((m: { id: string }) => m.id === "overall");
    expect(Object.keys(overall.baseline).sort()).toEqual(["cases", "errors", "high", "low", "rate", "trials"]);
    expect(overall.difference.high).toBeLessThan(-0.05);
    const gotWorse = overall.newly_failing_cases.map((c: { case_id: string }) => c.case_id);
    // Every case that got worse is one whose reply was degraded (some were failing already).
    expect(gotWorse.length).toBeGreaterThan(5);
    for (const id of gotWorse) expect(degradedCases).toContain(id);
  });

  it("is inconclusive (exit 4) on three shared cases and says how many would decide", async () => {
    const keep = [degradedCases[0]!, degradedCases[1]!, "refund-partial-month"];
    const small = async (runId: string): Promise<string> => {
      const dir = await mkdtemp(join(tmpdir(), "evalgate-gate-small-"));
      const manifest = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
      await writeFile(join(dir, "run.json"), JSON.stringify({ ...manifest, case_ids: keep }));
      const lines = (await readFile(join(reportsDir, runId, "results.jsonl"), "utf8")).split("\n").filter((l) => l !== "");
      await writeFile(join(dir, "results.jsonl"), `${lines.filter((l) => keep.includes(JSON.parse(l).case_id)).join("\n")}\n`);
      return dir;
    };
    const candidate = await small(worse);
    // Keep one degraded case only, so the three differences vary.
    const lines = (await readFile(join(candidate, "results.jsonl"), "utf8")).split("\n").filter((l) => l !== "");
    const baselineLines = (await readFile(join(await small(baseline), "results.jsonl"), "utf8")).split("\n").filter((l) => l !== "");
    const mixed = lines.map((l) => (JSON.parse(l).case_id === keep[1] ? baselineLines.find((b) => JSON.parse(b).case_id === keep[1] && JSON.parse(b).trial === JSON.parse(l).trial)! : l));
    await writeFile(join(candidate, "results.jsonl"), `${mixed.join("\n")}\n`);

    const result = await runCli(["gate", "--baseline", await small(baseline), "--candidate", candidate, "--json"]);
    expect(result.code).toBe(4);
    const json = JSON.parse(result.stdout);
    expect(json.verdict).toBe("inconclusive");
    const rule = json.rules.find((r: { rule: string; metric: string }) => r.rule === "max_regression" && r.metric === "overall");
    expect(rule.verdict).toBe("inconclusive");
    expect(rule.cases_needed).toBeGreaterThan(3);
  });

  it("refuses (exit 2) a baseline whose cases had different input", async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-gate-changed-"));
    await writeFile(join(dir, "run.json"), await readFile(join(reportsDir, baseline, "run.json")));
    const lines = (await readFile(join(reportsDir, baseline, "results.jsonl"), "utf8")).split("\n").filter((l) => l !== "");
    const changed = lines.map((l) => {
      const trial = JSON.parse(l);
      return JSON.stringify(trial.case_id === "refund-annual" ? { ...trial, input: "a different question" } : trial);
    });
    await writeFile(join(dir, "results.jsonl"), `${changed.join("\n")}\n`);
    const result = await runCli(["gate", "--baseline", dir, "--candidate", same, "--reports-dir", reportsDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("gave different input or expected output to case refund-annual");
  });
});
