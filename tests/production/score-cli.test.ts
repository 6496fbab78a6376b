import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../e2e/cli.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-score-cli-"));
  await cp(resolve(import.meta.dirname, "fixtures/inference-chat.jsonl"), join(dir, "inference.jsonl"));
  await writeFile(join(dir, "unused.jsonl"), "");
  await writeFile(
    join(dir, "evalgate.yaml"),
    ["name: prod", "dataset: unused.jsonl", "target: { type: scripted, path: unused.jsonl }", "checks:", '  - { id: no-legal-advice, type: not-contains, value: "legal advice" }', ""].join("\n"),
  );
});

describe("evalgate score (built CLI)", () => {
  it("scores an inference-table export, prints the counts, and writes a run that records its source", async () => {
    const reports = join(dir, "reports");
    const result = await runCli(
      ["score", "--suite", join(dir, "evalgate.yaml"), "--from", `jsonl:${join(dir, "inference.jsonl")}`, "--reports-dir", reports, "--json", "--no-tracking"],
      { MLFLOW_TRACKING_URI: "" },
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { source: Record<string, unknown>; failed: number; run_id: string; summary: { trials: unknown } };
    expect(printed).toMatchObject({ source: { kind: "jsonl", format: "inference-table (chat)", found: 3, skipped: 0, count: 2 }, failed: 1 });
    expect(result.stderr.split(dir).join("<dir>")).toContain("jsonl:<dir>/inference.jsonl (inference-table (chat)): 3 found, 0 already scored, 1 failed requests not scored, 2 scored");
    expect(await readdir(reports)).toEqual([printed.run_id]);
    const manifest = JSON.parse(await readFile(join(reports, printed.run_id, "run.json"), "utf8")) as { source: unknown; status: string; case_ids: string[] };
    expect(manifest).toMatchObject({ status: "completed", source: printed.source, case_ids: ["req-chat-1", "req-chat-2"] });
    const lines = (await readFile(join(reports, printed.run_id, "results.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { checks: { outcome: string }[]; case_id: string });
    expect(lines.map((l) => [l.case_id, l.checks[0]?.outcome]).sort()).toEqual([
      ["req-chat-1", "pass"],
      ["req-chat-2", "fail"],
    ]);
  });

  it("writes runs that report and gate read like any other", async () => {
    const reports = join(dir, "reports-gate");
    const score = async () => {
      const result = await runCli(["score", "--suite", join(dir, "evalgate.yaml"), "--from", `jsonl:${join(dir, "inference.jsonl")}`, "--reports-dir", reports, "--json", "--no-tracking"], { MLFLOW_TRACKING_URI: "" });
      return (JSON.parse(result.stdout) as { run_id: string }).run_id;
    };
    const baseline = await score();
    const candidate = await score();
    const gate = await runCli(["gate", "--baseline", join(reports, baseline), "--candidate", join(reports, candidate)]);
    expect(gate.stderr).toBe("");
    expect(gate.stdout).toContain(`candidate ${candidate} vs baseline ${baseline}: 2 shared cases`);
    const report = await runCli(["report", candidate, "--reports-dir", reports]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("2 cases × 1 repeat: 2 of 2 trials recorded");
  });

  it("says what a source looks like when --from is not one (exit 2)", async () => {
    const result = await runCli(["score", "--suite", join(dir, "evalgate.yaml"), "--from", "inference.jsonl"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "evalgate: Cannot read production records from "inference.jsonl": use mlflow:<experiment>[?filter=…] or jsonl:<file>.
      "
    `);
  });
});
