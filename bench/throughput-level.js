// One throughput measurement in a fresh process (so peak RSS is this level's
// alone): runs a generated suite against a fixed-latency target (a module that
// sleeps, or an http target calling the local model stand-in) and prints one
// JSON line. Started by run.js; see README.md.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    cases: { type: "string" },
    repeats: { type: "string" },
    concurrency: { type: "string" },
    latency: { type: "string" },
    target: { type: "string" },
  },
});
const cases = Number(values.cases);
const repeats = Number(values.repeats);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);
const targetKind = values.target;

const { runSuite } = await import("../dist/runner/index.js");

const dir = await mkdtemp(join(tmpdir(), "evalgate-bench-"));
let standin;
try {
  const dataset = Array.from({ length: cases }, (_, i) => JSON.stringify({ id: `case-${i}`, input: `question ${i}` }));
  await writeFile(join(dir, "cases.jsonl"), `${dataset.join("\n")}\n`);
  standin = targetKind === "http" ? await startStandin(cases * repeats, latencyMs) : undefined;
  await writeFile(join(dir, "evalgate.yaml"), suiteYaml(standin?.url));
  process.env.BENCH_LATENCY_MS = String(latencyMs);
  let trialsStarted = 0;
  let trialsEnded = 0;
  const started = performance.now();
  const result = await runSuite({
    configFile: join(dir, "evalgate.yaml"),
    reportsDir: join(dir, "reports"),
    reporters: [{ onRunStart: () => (trialsStarted = performance.now()), onRunEnd: () => (trialsEnded = performance.now()) }],
  });
  const totalMs = performance.now() - started;

  const trials = result.trials.length;
  const errors = result.trials.filter((t) => t.status === "error").length;
  const idealMs = (trials * latencyMs) / concurrency;
  console.log(
    JSON.stringify({
      target: targetKind,
      concurrency,
      trials,
      errors,
      latencyMs,
      idealMs,
      trialsMs: trialsEnded - trialsStarted,
      totalMs,
      // maxRSS is in kilobytes.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
}

// Checks of the cheap kinds every suite has, so scoring is part of what is measured.
function suiteYaml(standinUrl) {
  const target = standinUrl
    ? [
        "target:",
        "  type: http",
        `  url: ${standinUrl}/v1/chat/completions`,
        "  body: { model: bench, messages: [{ role: user, content: '{{input}}' }] }",
        "  output: $.choices[0].message.content",
      ]
    : [`target: { type: module, path: ${JSON.stringify(join(import.meta.dirname, "sleep-target.mjs"))} }`];
  return [
    "name: bench",
    "dataset: ./cases.jsonl",
    ...target,
    `repeats: ${repeats}`,
    `concurrency: ${concurrency}`,
    "checks:",
    "  - { type: contains, value: question }",
    "  - { type: regex, pattern: '\\d+@\\w+', mode: must-not-match }",
    "  - { type: length, unit: words, max: 50 }",
    // Only the module target reports retrieved context to check citations against.
    ...(standinUrl ? [] : ["  - { type: citations }"]),
    "",
  ].join("\n");
}

// The local model stand-in is TypeScript test support, loaded through jiti (a
// dependency already); every request waits `latencyMs` before its echo answer.
async function startStandin(requests, latency) {
  const { createJiti } = await import("jiti");
  const jiti = createJiti(import.meta.url);
  const { startStandin: start } = await jiti.import("../tests/support/standin/server.ts");
  const standin = await start();
  standin.injectFault({ latencyMs: latency }, { times: requests });
  return standin;
}
