import { execFile, spawn } from "node:child_process";
import { access, cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A vitest project as a team would have it: evalgate installed from the packed
// tarball (what npm publishes), vitest from the registry at the version of our
// lockfile, one describeEval with a deterministic task, code checks and a judge
// whose model is scripted (tests/vitest/fixtures/project). The task's answers
// are fixed per trial (the judge fails wrong-first only):
//   wrong-first     ✗ ✗ ✗   first in the dataset: nothing stops at it
//   refund-window   ✓ ✓ ✓
//   flaky-shipping  ✓ ✗ ✓
//   throws-once     ✓ ✓ !   the task throws on trial 2 (unscored)
//   warranty        ✓ ✓ ✓
// overall 10 of 14 scored trials (71.4%); 1 of 15 unscored, max_error_rate 0.1.
// The floor comes from EVAL_FLOOR: 0.6 passes, 0.8 fails.
//
// Packs dist/ as built (npm run build; `npm test` builds first), without
// running scripts, so no build races the other test files reading dist/.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/project/", import.meta.url));
const run = promisify(execFile);

interface VitestRun {
  code: number | null;
  stdout: string;
  report: { numFailedTests: number; numPassedTests: number; testResults: Array<{ assertionResults: AssertionResult[] }> };
}
interface AssertionResult {
  title: string;
  status: string;
  failureMessages: string[];
  meta: { evalgate?: Record<string, unknown> };
}

let project: string;
let above: VitestRun;
let below: VitestRun;

async function lockedVitestVersion(): Promise<string> {
  const lock = JSON.parse(await readFile(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
  return lock.packages["node_modules/vitest"]!.version;
}

function vitest(floor: string): Promise<VitestRun> {
  const outputFile = join(project, `vitest-${floor}.json`);
  const child = spawn("npx", ["--no-install", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`], {
    cwd: project,
    env: { ...process.env, EVAL_FLOOR: floor, NO_COLOR: "1", MLFLOW_TRACKING_URI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      readFile(outputFile, "utf8").then(
        (text) => resolve({ code, stdout, report: JSON.parse(text) as VitestRun["report"] }),
        (error: unknown) => reject(new Error(`vitest wrote no JSON report (exit ${code}):\n${stdout}`, { cause: error })),
      );
    });
  });
}

function results(vitestRun: VitestRun): AssertionResult[] {
  return vitestRun.report.testResults.flatMap((file) => file.assertionResults);
}

function runIdOf(vitestRun: VitestRun): string {
  return results(vitestRun)[0]!.meta.evalgate!.run_id as string;
}

/** The interval as the run's summary.json has it: the threshold test shows the report's numbers. */
async function overallInterval(vitestRun: VitestRun): Promise<string> {
  const summary = JSON.parse(await readFile(join(project, "reports", runIdOf(vitestRun), "summary.json"), "utf8")) as { overall: { pass_rate: { low: number; high: number } } };
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `95% CI ${pct(summary.overall.pass_rate.low)}–${pct(summary.overall.pass_rate.high)}`;
}

beforeAll(async () => {
  await access(join(ROOT, "dist/vitest/index.js")).catch(() => {
    throw new Error("dist/vitest is missing: run `npm run build` first");
  });
  project = await mkdtemp(join(tmpdir(), "evalgate-vitest-"));
  await cp(FIXTURE, project, { recursive: true });
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "evals-fixture", private: true, type: "module" }));
  const { stdout: packed } = await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", project], { cwd: ROOT });
  const tarball = join(project, packed.trim().split("\n").at(-1)!);
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, `vitest@${await lockedVitestVersion()}`], { cwd: project });
  // The two configs run one after the other: each is a run directory of its own.
  above = await vitest("0.6");
  below = await vitest("0.8");
}, 600_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe("describeEval in a project that installed the packed evalgate", () => {
  it("reports each case as a test named with its pass rate across repeats", async () => {
    const interval = await overallInterval(above);
    expect(results(above).map((r) => [r.title, r.status])).toEqual([
      ["wrong-first  0/3 passed (0%)", "passed"],
      ["refund-window  3/3 passed (100%)", "passed"],
      ["flaky-shipping  2/3 passed (67%)", "passed"],
      ["throws-once  2/2 passed (100%), 1 unscored", "passed"],
      ["warranty  3/3 passed (100%)", "passed"],
      [`overall ≥ 60.0% on the rate: 71.4% (${interval}, 14 trials over 5 cases)`, "passed"],
      ["unscored trials ≤ 10.0% (max_error_rate): 1 of 15", "passed"],
    ]);
    const flaky = results(above).find((r) => r.title.startsWith("flaky-shipping"))!;
    expect(flaky.meta.evalgate).toMatchObject({ case_id: "flaky-shipping", passed: 2, failed: 1, errors: 0, repeats: 3, outcomes: ["pass", "fail", "pass"] });
  });

  it("exits 0 above the threshold and 1 below it, where the threshold test shows rate, interval and floor", async () => {
    const interval = await overallInterval(below);
    expect(above.code).toBe(0);
    expect(below.code).toBe(1);
    const failed = results(below).filter((r) => r.status === "failed");
    expect(failed.map((r) => r.title)).toEqual([
      "wrong-first  0/3 passed (0%)",
      "flaky-shipping  2/3 passed (67%)",
      `overall ≥ 80.0% on the rate: 71.4% (${interval}, 14 trials over 5 cases)`,
    ]);
    expect(failed[0]!.failureMessages[0]).toContain("✖ judge answers-the-question: Says it does not know instead of answering about gift card returns.");
    const threshold = failed.at(-1)!.failureMessages[0]!;
    expect(threshold.split("\n")[0]).toBe(
      `EvalFailure: overall: the rate 71.4% is below the threshold 80.0%; pass rate 71.4% (${interval}, 14 trials over 5 cases).`,
    );
    expect(failed[1]!.failureMessages[0]).toMatchInlineSnapshot(`
      "EvalFailure: flaky-shipping counts against the overall threshold; 2 of 3 repeats passed:
        trial 1: fail
          ✖ check correct: expected "Shipping takes 5 to 7 business days [faq-4].", got "Shipping takes a while."
          ✖ check cites: no match for /\\[faq-\\d+\\]/ in "Shipping takes a while.""
    `);
  });

  it("runs every case and repeat despite the first case failing, and writes the run directory", async () => {
    for (const vitestRun of [above, below]) {
      const runDir = join(project, "reports", runIdOf(vitestRun));
      expect(vitestRun.stdout).toContain(`evalgate: run ${runIdOf(vitestRun)}: 5 cases × 3 repeats, results in ${runDir}`);
      expect(vitestRun.stdout).toContain(`evalgate: run ${runIdOf(vitestRun)} done: overall 71.4% (10 passed, 4 failed, 1 unscored); report: ${runDir}/report.html`);
      const lines = (await readFile(join(runDir, "results.jsonl"), "utf8")).trim().split("\n");
      const trials = lines.map((line) => JSON.parse(line) as { case_id: string; trial: number; status: string });
      expect(trials).toHaveLength(15);
      expect(new Set(trials.map((t) => `${t.case_id}#${t.trial}`)).size).toBe(15);
      expect((await readdir(runDir)).sort()).toEqual(expect.arrayContaining(["report.html", "report.md", "results.jsonl", "run.json", "summary.json"]));
    }
    expect(runIdOf(above)).not.toBe(runIdOf(below));
  });

  it("leaves a run that evalgate report, gate and label export read", async () => {
    const bin = join(project, "node_modules/evalgate/bin/evalgate.js");
    const report = await run(process.execPath, [bin, "report", runIdOf(below), "--json"], { cwd: project, env: { ...process.env, NO_COLOR: "1" } });
    const summary = JSON.parse(report.stdout) as { run_id: string; suite: string; overall: { passed: number; failed: number; errors: number } };
    expect(summary).toMatchObject({ run_id: runIdOf(below), suite: "support answers", overall: { passed: 10, failed: 4, errors: 1 } });

    // Same cases, same answers: the gate finds no regression between the two runs.
    const gate = await run(process.execPath, [bin, "gate", "--baseline", runIdOf(above), "--candidate", runIdOf(below), "--json"], { cwd: project }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(JSON.parse(gate.stdout)).toMatchObject({ baseline: { run_id: runIdOf(above) }, candidate: { run_id: runIdOf(below) } });

    const sheet = join(project, "labels.csv");
    await run(process.execPath, [bin, "label", "export", runIdOf(below), "--judge", "answers-the-question", "--out", sheet], { cwd: project });
    const judged = (await readFile(join(project, "reports", runIdOf(below), "results.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .filter((line) => (JSON.parse(line) as { judges: unknown[] }).judges.length > 0);
    const rows = parse(await readFile(sheet, "utf8"), { columns: true, bom: true }) as Array<{ case_id: string; label: string }>;
    expect(rows).toHaveLength(judged.length);
    expect(new Set(rows.map((r) => r.case_id))).toEqual(new Set(["wrong-first", "refund-window", "flaky-shipping", "throws-once", "warranty"]));
  });
});
