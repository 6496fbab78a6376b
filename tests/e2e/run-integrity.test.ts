import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, readdir, readFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES, runCli, startCli, type CliResult } from "./cli.js";

const SLOW = join(FIXTURES, "slow", "evalgate.yaml");
const BULKY = join(FIXTURES, "bulky", "evalgate.yaml");

async function lines(file: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  return (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "");
}

/** Waits until the only run under reportsDir has at least `n` trials on disk; returns its id. */
async function waitForTrials(reportsDir: string, n: number): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const [runId] = existsSync(reportsDir) ? await readdir(reportsDir) : [];
    if (runId && (await lines(join(reportsDir, runId, "results.jsonl"))).length >= n) return runId;
    await sleep(25);
  }
  throw new Error(`no run with ${n} trials under ${reportsDir}`);
}

const keysOf = (records: string[]) => records.map((l) => JSON.parse(l)).map((r) => `${r.case_id}#${r.trial}`);

describe("two processes on one run", () => {
  it("refuses a second writer while the run is live, naming pid, host and start, and never duplicates a trial", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-lock-"));
    // Slow enough that the first run is still live while the second process and a report start.
    const first = startCli(["run", SLOW, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "400" });
    const runId = await waitForTrials(reportsDir, 3);

    const second = await runCli(["run", "--resume", runId, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "1" });
    expect(second.code).toBe(2);
    const pid = first.child.pid;
    expect(second.stderr.replace(/since \S+;/, "since <T>;")).toBe(
      `evalgate: run ${runId} is being written by pid ${pid} on host ${hostname()} since <T>; wait for it to finish (evalgate report ${runId} shows the trials so far), or stop it (Ctrl-C) and resume again.\n`,
    );
    const live = await runCli(["report", runId, "--reports-dir", reportsDir]);
    expect(live.stderr).toContain(`evalgate: warning: run ${runId} is still running (pid ${pid}); these are the trials recorded so far.`);
    const manifest = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
    expect(manifest).toMatchObject({ status: "running", writer: { pid, host: hostname() } });

    expect((await first.done).code).toBe(0);
    const keys = keysOf(await lines(join(reportsDir, runId, "results.jsonl")));
    expect(keys).toHaveLength(36);
    expect(new Set(keys).size).toBe(36);
    expect(existsSync(join(reportsDir, runId, "run.lock"))).toBe(false);
    const finished = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
    expect(finished.status).toBe("completed");
    expect(finished.writer).toBeUndefined();
  });

  it("makes readers warn when the results log holds a (case, trial) twice", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-dup-"));
    expect((await runCli(["run", SLOW, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "1" })).code).toBe(0);
    const [runId] = await readdir(reportsDir);
    const results = join(reportsDir, runId!, "results.jsonl");
    const [firstLine] = await lines(results);
    await appendFile(results, `${firstLine}\n`);
    const report = await runCli(["report", runId!, "--reports-dir", reportsDir]);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain(
      `evalgate: warning: results.jsonl of run ${runId} holds 1 duplicate (case, trial) line (first: case "case-1" trial 0); the later line of each is used.`,
    );
  });

  it("calls a run crashed when its writer was killed, and resumes it by taking over the stale lock", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-crash-"));
    const { child, done } = startCli(["run", SLOW, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "80" });
    const runId = await waitForTrials(reportsDir, 3);
    child.kill("SIGKILL");
    await done;
    expect(existsSync(join(reportsDir, runId, "run.lock"))).toBe(true);

    const report = await runCli(["report", runId, "--reports-dir", reportsDir]);
    expect(report.stderr).toContain(
      `evalgate: warning: run ${runId} crashed: it says "running" but its process (pid ${child.pid}) is gone; resume it with: evalgate run --resume ${runId}`,
    );
    const resumed = await runCli(["run", "--resume", runId, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "1" });
    expect(resumed.code).toBe(0);
    expect(new Set(keysOf(await lines(join(reportsDir, runId, "results.jsonl")))).size).toBe(36);
  });
});

describe("SIGTERM", () => {
  it("finishes writing, marks the run interrupted, prints the resume hint and exits 143", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-term-"));
    const { child, done } = startCli(["run", SLOW, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "80" });
    const runId = await waitForTrials(reportsDir, 3);
    child.kill("SIGTERM");
    const result = await done;
    expect(result.code).toBe(143);
    expect(result.stderr).toContain(`evalgate: run interrupted; resume with: evalgate run --resume ${runId}`);
    const manifest = JSON.parse(await readFile(join(reportsDir, runId, "run.json"), "utf8"));
    expect(manifest.status).toBe("interrupted");
    expect(existsSync(join(reportsDir, runId, "summary.json"))).toBe(true);
    expect(existsSync(join(reportsDir, runId, "run.lock"))).toBe(false);

    const recorded = await lines(join(reportsDir, runId, "results.jsonl"));
    expect(recorded.length).toBeLessThan(36);
    const resumed = await runCli(["run", "--resume", runId, "--reports-dir", reportsDir, "--no-progress"], { ECHO_DELAY_MS: "1" });
    expect(resumed.code).toBe(0);
    const keys = keysOf(await lines(join(reportsDir, runId, "results.jsonl")));
    expect(keys).toHaveLength(36);
    expect(new Set(keys).size).toBe(36);
  });
});

/** Root with unshare: a real tiny tmpfs in a private mount namespace. Otherwise a file-size limit makes writes fail (EFBIG). */
const canMountTmpfs = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("unshare", ["-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

interface TinyDiskRun extends CliResult {
  /** Where the disk's contents were copied after the run (the tmpfs goes away with its namespace). */
  copy: string;
}

/**
 * Runs the CLI with `--reports-dir <tiny disk>/reports`: a 160 KB tmpfs
 * (mounted read-only for "read-only"), or without root a 160 KB file-size
 * limit / a directory without write permission.
 */
async function runOnTinyDisk(suite: string, mode: "full" | "read-only", env: NodeJS.ProcessEnv = {}): Promise<TinyDiskRun> {
  const work = await mkdtemp(join(tmpdir(), "evalgate-disk-"));
  const disk = join(work, "disk");
  const copy = join(work, "copy");
  await mkdir(disk);
  await mkdir(copy);
  const cli = [process.execPath, BIN, "run", suite, "--reports-dir", join(disk, "reports"), "--no-progress"].map((a) => `'${a}'`).join(" ");
  const copyOut = `rc=$?; cp -r '${disk}/.' '${copy}/'; exit $rc`;
  const script = canMountTmpfs
    ? `mount -t tmpfs -o size=160k tmpfs '${disk}' && ${mode === "read-only" ? `mount -o remount,ro '${disk}'` : "true"} && { ${cli}; ${copyOut}; }`
    : mode === "read-only"
      ? `chmod 555 '${disk}'; ${cli}; rc=$?; chmod 755 '${disk}'; cp -r '${disk}/.' '${copy}/'; exit $rc`
      : `ulimit -f 320; ${cli}; ${copyOut}`;
  const command = canMountTmpfs ? ["unshare", "-m", "sh", "-c", script] : ["sh", "-c", script];
  const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, signal: null, stdout, stderr: stderr.replaceAll(disk, "<disk>"), copy };
}

describe("a write that fails", () => {
  it("stops calling the target, leaves a resumable run and says why in one line", async () => {
    const calls = join(await mkdtemp(join(tmpdir(), "evalgate-calls-")), "calls.txt");
    const result = await runOnTinyDisk(BULKY, "full", { CALLS_FILE: calls });

    expect(result.code).toBe(3);
    const reason = canMountTmpfs ? "no space left on device" : "file too large";
    expect(result.stderr).toMatch(
      new RegExp(
        `^evalgate: cannot write <disk>/reports/[\\w-]+/results\\.jsonl: ${reason}; the run stopped with \\d+ of 200 trials on disk\\. Free space or fix the permissions, then resume with: evalgate run --resume [\\w-]+\\n$`,
      ),
    );
    const [runId] = await readdir(join(result.copy, "reports"));
    const recorded = (await readFile(join(result.copy, "reports", runId!, "results.jsonl"), "utf8")).split("\n").slice(0, -1);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(200);
    // Calls after the first failed write: at most the trials already in flight (concurrency 4) plus a few.
    const targetCalls = (await lines(calls)).length;
    expect(targetCalls - recorded.length).toBeLessThanOrEqual(8);
    // run.json is resumable: `failed` with the reason when it could still be written, otherwise `running` with a released lock (crashed).
    const manifest = JSON.parse(await readFile(join(result.copy, "reports", runId!, "run.json"), "utf8"));
    expect(["failed", "running"]).toContain(manifest.status);
    if (manifest.status === "failed") expect(manifest.failure).toMatch(new RegExp(`results\\.jsonl: ${reason}$`));
    expect(existsSync(join(result.copy, "reports", runId!, "run.lock"))).toBe(false);
  });

  it("names a read-only reports dir as such, not as a missing directory", async () => {
    const result = await runOnTinyDisk(SLOW, "read-only");
    expect(result.code).toBe(3);
    const reason = canMountTmpfs ? "read-only file system" : "permission denied";
    expect(result.stderr).toMatch(new RegExp(`^evalgate: cannot write <disk>/reports: ${reason}\\n$`));
    expect(result.stderr).not.toContain("ENOENT");
  });
});
