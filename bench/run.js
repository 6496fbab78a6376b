// evalgate bench: the real CLI in a child process, on generated suites, against
// the local model stand-in with injected latency and 429s; beside it the floor,
// the same POSTs from a bare fetch loop. Prints a table and writes
// bench/results.json. Asserts nothing. See README.md.
// Usage: npm run build && node bench/run.js [--runs 3] [--quick] [--only a,b,c,d,e] [--startup-runs 7] [--cpu-prof dir] [--out file] [--json]
//        node bench/run.js --markdown [--out file]     the tables of a results file, as Markdown
import { execFileSync, spawn } from "node:child_process";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { createJiti } from "jiti";

const HERE = import.meta.dirname;
const ROOT = join(HERE, "..");
const BIN = join(ROOT, "bin", "evalgate.js");
const USAGE_HOOK = pathToFileURL(join(HERE, "usage-on-exit.mjs")).href;
// Not a secret: the stand-in accepts any key, and the provider wants one set.
const API_KEY = "bench-not-a-secret";

// The harness's own parts are TypeScript (typed, unit-tested), loaded like the stand-in they use.
const lib = await createJiti(import.meta.url).import("./lib/index.ts");

let options;
try {
  options = lib.parseBenchArgs(process.argv.slice(2), join(HERE, "results.json"));
} catch (error) {
  if (!(error instanceof lib.BenchUsageError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exit(2);
}

if (options.markdown) {
  if (!existsSync(options.out)) {
    console.error(`bench: no results at ${options.out}; run \`npm run bench\` first.`);
    process.exit(2);
  }
  console.log(lib.renderTables(JSON.parse(readFileSync(options.out, "utf8")), "markdown"));
  process.exit(0);
}

if (!existsSync(join(ROOT, "dist", "cli", "index.js"))) {
  console.error("bench measures the built CLI: run `npm run build` first.");
  process.exit(2);
}

const machine = machineFacts();
const plan = lib.planScenarios(options.only, options.quick);
const samples = new Map(plan.map((s) => [s.key, []]));
const work = await mkdtemp(join(tmpdir(), "evalgate-bench-"));
const standin = await lib.startBenchStandin();
let startup;
let children = 0;
try {
  startup = await timeStartup(options.startupRuns);
  const suites = new Map();
  for (const scenario of plan.filter((s) => s.kind === "cli")) {
    const dir = join(work, scenario.key);
    suites.set(scenario.key, await lib.writeSuite(dir, scenario, { standinUrl: standin.url, moduleTarget: join(HERE, "sleep-target.mjs") }));
  }
  // Rounds interleave the scenarios, so drift in the machine's load hits a scenario and its floor alike.
  for (let round = 1; round <= options.runs; round++) {
    for (const scenario of plan) {
      standin.configure(scenario, round);
      const profile = profileFlags(scenario, round);
      const sample = scenario.kind === "cli" ? await runCli(scenario, suites.get(scenario.key), work, profile) : await runFloor(scenario, profile);
      samples.get(scenario.key).push(sample);
      progress(round, scenario, sample);
    }
  }
} finally {
  await standin.close();
  await rm(work, { recursive: true, force: true });
}
machine.load_average_end = os.loadavg().map(round2);

const results = {
  generated_at: new Date().toISOString(),
  machine,
  options: { runs: options.runs, quick: options.quick, only: options.only },
  startup,
  ...(options.cpuProf ? { profiles: profileSummaries() } : {}),
  scenarios: plan.map((scenario) => {
    const floor = samples.get(`e/${scenario.key}`);
    const own = samples.get(scenario.key);
    return { key: scenario.key, scenario, samples: own, summary: lib.summarize(scenario, own, floor?.map((s) => s.wallMs)) };
  }),
};
await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
if (options.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log(lib.renderTables(results, "text"));
  if (results.profiles) printProfiles(results.profiles);
  console.log(`\nwritten to ${options.out}; \`node bench/run.js --markdown\` prints these tables for the README.`);
}

/** With --cpu-prof, node flags writing the child's profile as <dir>/<scenario>-round<n>.cpuprofile. */
function profileFlags(scenario, round) {
  if (!options.cpuProf) return [];
  return ["--cpu-prof", "--cpu-prof-dir", options.cpuProf, "--cpu-prof-name", `${scenario.key.replace("/", "-")}-round${round}.cpuprofile`];
}

/** Where each scenario's last profiled round spent its CPU, printed and kept in the results. */
function profileSummaries() {
  const summaries = {};
  for (const scenario of plan) {
    const file = join(options.cpuProf, `${scenario.key.replace("/", "-")}-round${options.runs}.cpuprofile`);
    if (!existsSync(file)) continue;
    summaries[scenario.key] = lib.summarizeProfile(JSON.parse(readFileSync(file, "utf8")));
  }
  return summaries;
}

function printProfiles(summaries) {
  for (const [key, summary] of Object.entries(summaries)) {
    const rows = (list) => list.map((t) => [t.name, String(t.ms), `${(t.share * 100).toFixed(1)} %`]);
    console.log(`\nCPU profile of ${key} (round ${options.runs}), ${(summary.busyMs / 1000).toFixed(1)} s busy:`);
    console.log(lib.table(["area", "self ms", "share"], rows(summary.areas), "text"));
    console.log("");
    console.log(lib.table(["function", "self ms", "share"], rows(summary.functions), "text"));
  }
}

/** One `evalgate run` of a scenario's suite, in its own process and reports directory. */
async function runCli(scenario, suiteFile, workDir, nodeFlags) {
  const reports = await mkdtemp(join(workDir, "reports-"));
  try {
    const args = [BIN, "run", suiteFile, "--reports-dir", reports, "--no-progress", "--no-cache", "--no-tracking"];
    const child = await measureChild([...nodeFlags, ...args], { BENCH_LATENCY_MS: String(scenario.latencyMs), OPENAI_API_KEY: API_KEY });
    // 1 is "too many trials errored", still a finished run worth reading; anything else is a broken bench.
    if (child.exitCode !== 0 && child.exitCode !== 1) throw new Error(`evalgate run (${scenario.key}) exited ${child.exitCode}:\n${child.stderr}`);
    const [runDir] = await readdir(reports);
    const resultsFile = join(reports, runDir, "results.jsonl");
    return { ...child.sample, ...(await countResults(resultsFile)), resultsBytes: (await stat(resultsFile)).size };
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
}

async function runFloor(scenario, nodeFlags) {
  const url = `${standin.url}/v1/chat/completions`;
  const child = await measureChild([...nodeFlags, join(HERE, "floor.js"), "--url", url, "--calls", String(scenario.calls), "--concurrency", String(scenario.concurrency)], {});
  if (child.exitCode !== 0) throw new Error(`floor (${scenario.key}) exited ${child.exitCode}:\n${child.stderr}`);
  return child.sample;
}

/**
 * Runs `node <args>` with the usage hook preloaded: wall from spawn to exit as
 * seen from here, the child's CPU and peak RSS as it reported them at exit,
 * and what the stand-in (in this process) answered and spent meanwhile.
 */
async function measureChild(args, env) {
  const usageFile = join(work, `usage-${++children}.json`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", USAGE_HOOK, ...args], {
    cwd: work,
    env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const rss = sampleRss(child.pid);
  let stderr = "";
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout = (stdout + chunk).slice(-4000)));
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exitCode = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? signal));
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const rssMb = rss.stop();
  const counters = standin.counters();
  const usage = JSON.parse(await readFile(usageFile, "utf8").catch(() => "null"));
  await rm(usageFile, { force: true });
  if (!usage && exitCode === 0) throw new Error(`no resource usage from node ${args.join(" ")}`);
  return {
    exitCode,
    stdout,
    stderr,
    sample: {
      wallMs: round2(wallMs),
      cpuMs: usage ? round2(usage.userMs + usage.systemMs) : NaN,
      peakRssMb: usage ? round2(usage.maxRssKb / 1024) : NaN,
      answered: counters.answered,
      rejected: counters.rejected,
      askedWaitMs: counters.askedWaitMs,
      serverCpuMs: round2((cpu.user + cpu.system) / 1000),
      ...(rssMb.length > 1 ? { rssTimelineMb: rssMb } : {}),
    },
  };
}

/**
 * The child's resident set every half second, from /proc (Linux only), thinned
 * to at most 20 points: whether memory grows through a run or stays flat.
 */
function sampleRss(pid) {
  const points = [];
  const read = () => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      if (kb) points.push(Math.round(Number(kb) / 1024));
    } catch {
      // Gone already, or not Linux.
    }
  };
  const timer = setInterval(read, 500);
  return {
    stop() {
      clearInterval(timer);
      if (points.length <= 20) return points;
      return Array.from({ length: 20 }, (_, i) => points[Math.round((i * (points.length - 1)) / 19)]);
    },
  };
}

/** Trials, errored trials and errored judge verdicts, read line by line (100k trials would make one big string). */
async function countResults(file) {
  let trials = 0;
  let errors = 0;
  let judgeErrors = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    const record = JSON.parse(line);
    trials += 1;
    if (record.status === "error") errors += 1;
    judgeErrors += (record.judges ?? []).filter((j) => j.outcome === "error").length;
  }
  return { trials, errors, judgeErrors };
}

/** `node -e 0` for reference, then `evalgate --version` and `--help`: the target is under 0.2 s. */
async function timeStartup(runs) {
  if (runs === 0) return [];
  const commands = [
    ["node -e 0", ["-e", "0"]],
    ["evalgate --version", [BIN, "--version"]],
    ["evalgate --help", [BIN, "--help"]],
  ];
  const timings = [];
  for (const [command, args] of commands) {
    const measured = [];
    for (let i = 0; i < runs; i++) measured.push(await measureChild(args, {}));
    const walls = measured.map((m) => m.sample.wallMs);
    const spread = lib.spreadOf(walls);
    timings.push({
      command,
      runs_ms: walls,
      median_ms: round2(spread.median),
      min_ms: spread.min,
      max_ms: spread.max,
      peak_rss_mb: round2(lib.median(measured.map((m) => m.sample.peakRssMb))),
    });
  }
  return timings;
}

function machineFacts() {
  const cpus = os.cpus();
  let commit;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    if (execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !== "") commit += "+changes";
  } catch {
    commit = undefined;
  }
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model.trim() ?? "unknown",
    total_memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
    load_average_start: os.loadavg().map(round2),
    ...(commit ? { commit } : {}),
  };
}

function progress(round, scenario, s) {
  const derived = lib.derive(scenario, s);
  const ratio = derived.ratio === undefined ? "" : `, ${derived.ratio.toFixed(2)}× ideal`;
  process.stderr.write(
    `bench: round ${round}/${options.runs} ${scenario.key.padEnd(3)} wall ${(s.wallMs / 1000).toFixed(1)} s${ratio}, CPU ${(s.cpuMs / 1000).toFixed(1)} s, RSS ${s.peakRssMb.toFixed(0)} MB, load ${os.loadavg()[0].toFixed(2)}\n`,
  );
}

function round2(n) {
  return Math.round(n * 100) / 100;
}
