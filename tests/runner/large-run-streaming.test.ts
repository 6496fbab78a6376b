import { appendFile, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { ReportData } from "../../src/html-report/index.js";
import { readManifest, readResultLines, runPaths, type TrialRecord } from "../../src/log/index.js";
import { readPageData, summarizeRun } from "../../src/report/index.js";
import { runSuite } from "../../src/runner/index.js";

// Every whole-file read evalgate makes, by path: results.jsonl must never be one of them.
const reads = vi.hoisted(() => [] as string[]);
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = ((path: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    reads.push(String(path));
    return (actual.readFile as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFile;
  return { ...actual, readFile, default: { ...actual, readFile } };
});
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const readFileSync = ((path: Parameters<typeof actual.readFileSync>[0], ...rest: unknown[]) => {
    reads.push(String(path));
    return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFileSync;
  return { ...actual, readFileSync, default: { ...actual, readFileSync } };
});

const CASES = 100_000;
const caseId = (i: number) => `c${String(i).padStart(6, "0")}`;

/** A small trial line, as the suite below records it (every tenth case fails its check). */
function trialLine(runId: string, i: number): string {
  const passes = i % 10 !== 0;
  const record: TrialRecord = {
    schema_version: 1,
    run_id: runId,
    case_id: caseId(i),
    trial: 0,
    started_at: "2026-01-01T00:00:00.000Z",
    ended_at: "2026-01-01T00:00:00.001Z",
    latency_ms: i % 7,
    status: "ok",
    input: `q${i}`,
    output: passes ? "ok" : "no",
    checks: [{ id: "says-ok", type: "contains", outcome: passes ? "pass" : "fail", reason: passes ? "contains \"ok\"" : "does not contain \"ok\"" }],
    judges: [],
  };
  return `${JSON.stringify(record)}\n`;
}

describe("a 100,000-trial run", () => {
  it("is resumed, summarised and reported from its results file line by line, never read whole", { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-large-run-"));
    await writeFile(join(dir, "cases.jsonl"), Array.from({ length: CASES }, (_, i) => `{"id":"${caseId(i)}","input":"q${i}"}\n`).join(""));
    await writeFile(join(dir, "target.ts"), 'export default async (input: unknown) => ({ output: String(input).endsWith("0") ? "no" : "ok" });\n');
    await writeFile(
      join(dir, "evalgate.yaml"),
      ["name: large", "dataset: cases.jsonl", "target: { type: module, path: ./target.ts }", "repeats: 1", "concurrency: 8", "checks:", "  - { id: says-ok, type: contains, value: ok }", ""].join("\n"),
    );
    const reportsDir = join(dir, "reports");

    // Start the run and stop it after its first trials, as a crash or Ctrl-C would.
    const stop = new AbortController();
    const started = await runSuite({
      configFile: join(dir, "evalgate.yaml"),
      reportsDir,
      tracking: "off",
      signal: stop.signal,
      reporters: [{ onTrialEnd: () => stop.abort() }],
    });
    expect(started.manifest.status).toBe("interrupted");
    const paths = runPaths(reportsDir, started.runId);
    const done = new Set<string>();
    for await (const { record } of readResultLines(paths.results)) done.add(record.case_id);
    // Fill the log up to all but the last 10 cases, then a line cut short by a crash.
    const lines: string[] = [];
    for (let i = 0; i < CASES - 10; i++) if (!done.has(caseId(i))) lines.push(trialLine(started.runId, i));
    await appendFile(paths.results, `${lines.join("")}${trialLine(started.runId, CASES - 10).slice(0, 50)}`);

    reads.length = 0;
    const ran: string[] = [];
    const resumed = await runSuite({ resume: started.runId, reportsDir, tracking: "off", reporters: [{ onTrialEnd: (t) => ran.push(t.case_id) }] });
    expect(ran.sort()).toEqual(Array.from({ length: 10 }, (_, k) => caseId(CASES - 10 + k)));
    expect(resumed.summary.totals).toEqual({ cases: CASES, repeats: 1, trials_expected: CASES, trials_recorded: CASES });
    expect(resumed.summary.overall.failed).toBe(CASES / 10);

    // report.html embeds a capped selection, failures first, and still lists every case.
    const html = await import("node:fs/promises").then((fs) => fs.readFile(paths.reportHtml, "utf8"));
    const data = readPageData(html) as ReportData;
    expect(data.embedded).toMatchObject({ recorded: CASES, trials: 2_000 });
    expect(data.trials.outcome).toBe("f".repeat(2_000));
    expect(data.cases.id).toHaveLength(CASES);

    // `evalgate report` recomputes the same summary in a streaming pass.
    const again = await summarizeRun(paths.dir, { generatedAt: new Date(resumed.summary.generated_at) });
    expect(again.summary).toEqual(resumed.summary);
    expect(again.scan).toMatchObject({ trials: CASES, duplicates: [] });
    expect((await readManifest(paths)).status).toBe("completed");
    expect(await readdir(paths.dir)).toEqual(expect.arrayContaining(["results.csv", "report.html", "summary.json"]));

    // The spy sees evalgate's reads (run.json is read whole, as it should be); none of them is the log.
    expect(reads).toContain(paths.manifest);
    expect(reads.filter((file) => file.endsWith("results.jsonl"))).toEqual([]);
  });
});
