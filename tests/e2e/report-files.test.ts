import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { readPageData } from "../../src/report/index.js";
import { FIXTURES, runCli } from "./cli.js";

const EXAMPLE = join(FIXTURES, "..", "..", "..", "examples", "support-bot", "evalgate.yaml");

function embeddedData(html: string): { run: { run_id: string }; compare?: { result: { verdict: string; baseline: { run_id: string } } } } {
  return readPageData(html) as ReturnType<typeof embeddedData>;
}

describe("report.html and results.csv from the CLI", () => {
  let reportsDir: string;
  let runId: string;

  beforeAll(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), "evalgate-report-files-"));
    const result = await runCli(["run", EXAMPLE, "--reports-dir", reportsDir, "--no-progress", "--no-cache", "--no-tracking"]);
    expect(result.code, result.stderr).toBe(0);
    runId = (await readdir(reportsDir))[0]!;
  }, 120_000);

  it("writes both beside results.jsonl on every run; results.csv has a row per trial and metric", async () => {
    const files = await readdir(join(reportsDir, runId));
    expect(files.sort()).toEqual(["report.html", "report.md", "results.csv", "results.jsonl", "run.json", "summary.json"]);
    const rows = parse(await readFile(join(reportsDir, runId, "results.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    // 34 cases × 3 repeats, 7 checks + 3 judges.
    expect(rows).toHaveLength(102 * 10);
    const judged = rows.filter((r) => r.case === "inject-escalation-contact" && r.trial === "1" && r.metric === "refuses-out-of-scope");
    expect(judged).toEqual([expect.objectContaining({ kind: "judge", outcome: "fail", critique: expect.stringMatching(/^Falls for the social engineering in part/) })]);
    expect(rows.filter((r) => r.outcome === "skipped").length).toBeGreaterThan(0);
    expect(embeddedData(await readFile(join(reportsDir, runId, "report.html"), "utf8")).run.run_id).toBe(runId);
  });

  it("evalgate report --html FILE --compare REF writes the page with the comparison where asked", async () => {
    const file = join(reportsDir, "compared.html");
    const before = (await stat(join(reportsDir, runId, "report.html"))).mtimeMs;
    const result = await runCli(["report", runId, "--reports-dir", reportsDir, "--html", file, "--compare", runId]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("overall");
    expect(result.stderr).toBe(`evalgate: wrote ${file} and ${join(reportsDir, runId, "results.csv")}\n`);
    const data = embeddedData(await readFile(file, "utf8"));
    expect(data.compare?.result).toMatchObject({ verdict: "pass", baseline: { run_id: runId } });
    // --html leaves the run's own report.html alone.
    expect((await stat(join(reportsDir, runId, "report.html"))).mtimeMs).toBe(before);
  });

  it("documents the new flags in --help", async () => {
    const help = (await runCli(["report", "--help"])).stdout;
    expect(help).toContain("--compare <ref>");
    expect(help).toContain("--html <file>");
    expect((await runCli(["gate", "--help"])).stdout).toContain("--html <file>");
  });
});
