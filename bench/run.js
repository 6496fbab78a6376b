// evalgate bench: harness overhead against the ideal calls × latency / concurrency,
// and peak memory, on a fixed-latency stand-in target; then the guardrail datasets.
// Usage: npm run build && node bench/run.js [--target module|http] [--cases 64] [--repeats 2] [--latency 20] [--concurrency 1,4,16,64] [--json]
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { loadGuardrailDatasets } from "./guardrails-datasets.js";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "64" },
    repeats: { type: "string", default: "2" },
    latency: { type: "string", default: "20" },
    target: { type: "string", default: "module" },
    concurrency: { type: "string", default: "1,4,16,64" },
    json: { type: "boolean", default: false },
  },
});

if (!existsSync(join(import.meta.dirname, "..", "dist", "runner", "index.js"))) {
  console.error("bench measures the built library: run `npm run build` first.");
  process.exit(2);
}

if (!["module", "http"].includes(values.target)) {
  console.error(`--target must be "module" (a module that sleeps) or "http" (an http target calling the local stand-in); got "${values.target}".`);
  process.exit(2);
}
const levels = values.concurrency.split(",").map(Number);
const results = [];
for (const concurrency of levels) {
  // One process per level, so each peak RSS is that level's alone.
  const args = ["--target", values.target, "--cases", values.cases, "--repeats", values.repeats, "--latency", values.latency, "--concurrency", String(concurrency)];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, "throughput-level.js"), ...args]);
    results.push(JSON.parse(stdout.trim().split("\n").at(-1)));
  } catch (error) {
    console.error(`bench at concurrency ${concurrency} failed:\n${error.stderr || error.message}`);
    process.exit(1);
  }
}
const guardrails = await loadGuardrailDatasets();

if (values.json) {
  const counts = guardrails.status === "loaded" ? { pii: guardrails.pii.length, jailbreak: guardrails.jailbreak.length } : guardrails;
  console.log(JSON.stringify({ throughput: results, guardrails: counts }, null, 2));
} else {
  printThroughput(results);
  printGuardrails(guardrails);
}

function printThroughput(rows) {
  const { trials, latencyMs, target } = rows[0];
  const kind = target === "http" ? "http target → local model stand-in" : "module target";
  console.log(`Throughput: ${trials} trials, ${kind} with ${latencyMs} ms fixed latency`);
  console.log("ratio = actual / ideal, ideal = trials × latency / concurrency (1.00 is no overhead)\n");
  const header = ["concurrency", "ideal ms", "trials ms", "ratio", "total ms", "ratio", "peak RSS MB", "errors"];
  const table = rows.map((r) => [
    r.concurrency,
    r.idealMs.toFixed(0),
    r.trialsMs.toFixed(0),
    (r.trialsMs / r.idealMs).toFixed(2),
    r.totalMs.toFixed(0),
    (r.totalMs / r.idealMs).toFixed(2),
    r.peakRssMb.toFixed(0),
    r.errors,
  ].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  for (const row of [header, ...table]) console.log(row.map((cell, i) => cell.padStart(widths[i])).join("  "));
  console.log("\ntrials: the trial phase only; total: also loading the suite and writing the summary.\n");
}

function printGuardrails(guardrails) {
  if (guardrails.status === "skipped") {
    console.log(`Guardrail datasets: skipped: ${guardrails.reason}`);
    return;
  }
  const clean = guardrails.pii.filter((row) => row.expected.length === 0).length;
  const attacks = guardrails.jailbreak.filter((row) => row.expected).length;
  console.log(`Guardrail datasets (${guardrails.dir}):`);
  console.log(`  pii (presidio synth v2): ${guardrails.pii.length} sentences, ${clean} without PII`);
  console.log(`  jailbreak (openai-guardrails demo): ${guardrails.jailbreak.length} prompts, ${attacks} attacks, ${guardrails.jailbreak.length - attacks} benign`);
}
