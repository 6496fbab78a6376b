import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli, startCli } from "./cli.js";

async function countLines(file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  return (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "").length;
}

async function onlyRunId(reportsDir: string): Promise<string> {
  const entries = await readdir(reportsDir);
  expect(entries).toHaveLength(1);
  return entries[0] as string;
}

describe("evalgate run, killed and resumed", () => {
  it("keeps every finished trial after SIGKILL and resumes without duplicating any", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-resume-"));
    const suite = join(FIXTURES, "slow", "evalgate.yaml");
    const { child, done } = startCli(["run", suite, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "60" });

    // Wait until some, but not all, of the 36 trials are on disk, then kill without warning.
    let runDir: string | undefined;
    for (let i = 0; i < 400; i++) {
      await sleep(25);
      const entries = existsSync(reportsDir) ? await readdir(reportsDir) : [];
      if (entries[0]) runDir = join(reportsDir, entries[0]);
      if (runDir && (await countLines(join(runDir, "results.jsonl"))) >= 6) break;
    }
    child.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");

    const runId = await onlyRunId(reportsDir);
    const linesAtKill = await countLines(join(reportsDir, runId, "results.jsonl"));
    expect(linesAtKill).toBeGreaterThanOrEqual(6);
    expect(linesAtKill).toBeLessThan(36);
    const manifestAtKill = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
    expect(manifestAtKill.status).toBe("running");

    const resumed = await runCli(["run", "--resume", runId, "--reports-dir", reportsDir, "--json", "--no-progress"], { ECHO_DELAY_MS: "1" });
    expect(resumed.stderr).not.toMatch(/unexpected error/);
    expect(resumed.code).toBe(0);

    const lines = (await readFile(join(reportsDir, runId, "results.jsonl"), "utf8")).split("\n").filter((l) => l.trim() !== "");
    const keys = lines.map((l) => {
      const record = JSON.parse(l);
      return `${record.case_id}#${record.trial}`;
    });
    expect(keys).toHaveLength(36);
    expect(new Set(keys).size).toBe(36);
    const expected = Array.from({ length: 12 }, (_, c) => [0, 1, 2].map((t) => `case-${c + 1}#${t}`)).flat();
    expect([...keys].sort()).toEqual([...expected].sort());

    const summary = JSON.parse(resumed.stdout);
    expect(summary.run_id).toBe(runId);
    const manifest = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
    expect(manifest.status).toBe("completed");
  });

  it("refuses to resume a run whose id does not exist, naming the reports dir", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-resume-"));
    const result = await runCli(["run", "--resume", "nope", "--reports-dir", reportsDir, "--no-progress"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No run "nope" under ${reportsDir}`);
  });
});

describe("evalgate run with a faulty target", () => {
  it("records a throwing and a hanging target as errors, scores the rest, and completes", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-faulty-"));
    const result = await runCli(["run", join(FIXTURES, "faulty", "evalgate.yaml"), "--reports-dir", reportsDir, "--no-progress"]);
    // Errors above max_error_rate (0) make the exit code 1, but the run itself completed.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/50\.0% of trials errored/);

    const runId = await onlyRunId(reportsDir);
    const records = (await readFile(join(reportsDir, runId, "results.jsonl"), "utf8"))
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(8);
    const byCase = (id: string) => records.filter((r) => r.case_id === id);

    for (const r of byCase("throws")) {
      expect(r.status).toBe("error");
      expect(r.error).toEqual({ code: "TARGET_FAILED", message: "upstream exploded" });
      expect(r.checks).toEqual([]);
    }
    for (const r of byCase("hangs")) {
      expect(r.status).toBe("error");
      expect(r.error.code).toBe("TARGET_TIMEOUT");
      expect(r.error.message).toContain("300 ms");
    }
    for (const r of byCase("ok")) {
      expect(r.status).toBe("ok");
      expect(r.checks[0].outcome).toBe("pass");
    }
    for (const r of byCase("wrong")) {
      expect(r.status).toBe("ok");
      expect(r.checks[0].outcome).toBe("fail");
    }
    const manifest = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
    expect(manifest.status).toBe("completed");
  });
});
