import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES, runCli, type CliResult } from "./cli.js";

/** Runs a command line through sh, as a user pasting it would, with `evalgate` being the built CLI. */
function runInShell(commandLine: string): Promise<CliResult> {
  const child = spawn("sh", ["-c", commandLine.replace(/^evalgate /, `'${process.execPath}' '${BIN}' `)], {
    env: { ...process.env, NO_COLOR: "1", MLFLOW_TRACKING_URI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe("the retry hint after MLflow logging fails", { timeout: 120_000 }, () => {
  it("prints one push command that runs as printed, naming a reports dir with spaces", async () => {
    const reportsDir = join(await mkdtemp(join(tmpdir(), "evalgate-retry-")), "my reports");
    // Nothing listens on port 9 (discard) on loopback: logging there fails.
    const unreachable = { MLFLOW_TRACKING_URI: "http://127.0.0.1:9", ECHO_DELAY_MS: "1" };
    const run = await runCli(["run", join(FIXTURES, "slow", "evalgate.yaml"), "--reports-dir", reportsDir, "--no-progress"], unreachable);
    expect(run.code).toBe(3);
    expect(run.stderr.match(/retry with/g)).toHaveLength(1);
    const command = /retry with: (.*)$/m.exec(run.stderr)?.[1] ?? "";
    expect(command).toMatch(/^evalgate mlflow push \S+-slow-echo-\S+ --reports-dir '.*\/my reports'$/);

    // As printed, the command finds the run and fails only because MLflow is still unreachable: a tracking failure (3), not a usage error (2).
    const retried = await runInShell(`${command} --tracking-uri http://127.0.0.1:9`);
    expect(retried.stderr).toMatch(/Logging run \S+-slow-echo-\S+ to MLflow/);
    expect(retried.code).toBe(3);
  });
});
