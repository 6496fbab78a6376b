import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, startCli } from "./cli.js";

describe("checks that would hang a run", () => {
  it("ends a run whose regex is catastrophic for a backtracking engine, and a custom check that never settles, with their outcomes recorded", async () => {
    const reports = await mkdtemp(join(tmpdir(), "evalgate-hostile-"));
    const { child, done } = startCli(["run", join(FIXTURES, "hostile-checks", "evalgate.yaml"), "--reports-dir", reports]);
    // A guard, not an assertion: before RE2 the process never returned, so the test must not wait forever either.
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const result = await done.finally(() => clearTimeout(guard));
    expect(result.signal).toBeNull();
    const [runId] = /run (\S+)/.exec(result.stdout)?.slice(1) ?? [];
    const [trial] = (await readFile(join(reports, runId ?? "", "results.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(trial.checks).toEqual([
      { id: "only-as", type: "regex", outcome: "fail", reason: 'no match for /^(a+)+$/ in "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"' },
      {
        id: "never-settles",
        type: "custom",
        outcome: "error",
        reason: "check did not finish within 200 ms (its timeout_ms); make it faster or raise timeout_ms on the check",
      },
    ]);
  }, 90_000);
});
