// How long `pushRunToMlflow` takes to log a run of N trials to a running MLflow
// server, and how many HTTP requests it makes. The run is the support-bot
// example, run once offline, with its trials repeated under fresh case ids up
// to each size. See README.md.
//
//   node bench/mlflow-push.js --tracking-uri http://127.0.0.1:5000 --trials 102,3000
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    "tracking-uri": { type: "string" },
    trials: { type: "string", default: "102,3000" },
    json: { type: "boolean", default: false },
  },
});
const trackingUri = values["tracking-uri"];
if (!trackingUri) {
  console.error("bench/mlflow-push.js: --tracking-uri is required, e.g. --tracking-uri http://127.0.0.1:5000 (start one with `mlflow server`)");
  process.exit(2);
}
const sizes = values.trials.split(",").map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`bench/mlflow-push.js: --trials takes positive integers separated by commas, got "${values.trials}"`);
  process.exit(2);
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const { runSuite } = await import("../dist/runner/index.js");
const { pushRunToMlflow } = await import("../dist/tracking/index.js");

const dir = await mkdtemp(join(tmpdir(), "evalgate-bench-mlflow-"));
try {
  const example = await runSuite({
    configFile: join(repoRoot, "examples", "support-bot", "evalgate.yaml"),
    reportsDir: join(dir, "example"),
    tracking: "off",
  });
  const rows = [];
  for (const size of sizes) {
    const runDir = await syntheticRun(example.runDir, join(dir, `n${size}`), size);
    let requests = 0;
    const countingFetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const started = performance.now();
    const result = await pushRunToMlflow({
      runDir,
      trackingUri,
      experiment: `evalgate-bench-${size}-${Date.now()}`,
      env: {},
      client: { fetch: countingFetch },
    });
    const ms = performance.now() - started;
    rows.push({ trials: size, ms: Math.round(ms), msPerTrial: +(ms / size).toFixed(2), requests, requestsPerTrial: +(requests / size).toFixed(2), warnings: result.warnings.length });
  }
  if (values.json) {
    for (const row of rows) console.log(JSON.stringify(row));
  } else {
    console.log("trials   push ms   ms/trial   requests   requests/trial   warnings");
    for (const r of rows) {
      console.log(
        `${String(r.trials).padStart(6)}  ${String(r.ms).padStart(8)}  ${String(r.msPerTrial).padStart(9)}  ${String(r.requests).padStart(9)}  ${String(r.requestsPerTrial).padStart(15)}  ${String(r.warnings).padStart(9)}`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** The example's run with its trials repeated under fresh case ids (`<id>~<copy>`) up to `size` trials. */
async function syntheticRun(sourceDir, runDir, size) {
  await cp(sourceDir, runDir, { recursive: true });
  const trials = (await readFile(join(sourceDir, "results.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
  const lines = [];
  for (let i = 0; i < size; i += 1) {
    const trial = trials[i % trials.length];
    const copy = Math.floor(i / trials.length);
    lines.push(JSON.stringify({ ...trial, case_id: copy === 0 ? trial.case_id : `${trial.case_id}~${copy}` }));
  }
  await writeFile(join(runDir, "results.jsonl"), `${lines.join("\n")}\n`);
  const manifest = JSON.parse(await readFile(join(runDir, "run.json"), "utf8"));
  manifest.case_ids = [...new Set(lines.map((line) => JSON.parse(line).case_id))];
  await writeFile(join(runDir, "run.json"), JSON.stringify(manifest, null, 2));
  await rm(join(runDir, "summary.json"), { force: true });
  return runDir;
}
