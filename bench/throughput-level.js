// One throughput measurement in a fresh process (so peak RSS is this level's
// alone): runs a generated suite against the fixed-latency module target and
// prints one JSON line. Started by run.js; see README.md.
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
  },
});
const cases = Number(values.cases);
const repeats = Number(values.repeats);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);

const { runSuite } = await import("../dist/runner/index.js");

const dir = await mkdtemp(join(tmpdir(), "evalgate-bench-"));
try {
  const dataset = Array.from({ length: cases }, (_, i) => JSON.stringify({ id: `case-${i}`, input: `question ${i}` }));
  await writeFile(join(dir, "cases.jsonl"), `${dataset.join("\n")}\n`);
  // Checks of the cheap kinds every suite has, so scoring is part of what is measured.
  await writeFile(
    join(dir, "evalgate.yaml"),
    [
      "name: bench",
      "dataset: ./cases.jsonl",
      `target: { type: module, path: ${JSON.stringify(join(import.meta.dirname, "sleep-target.mjs"))} }`,
      `repeats: ${repeats}`,
      `concurrency: ${concurrency}`,
      "checks:",
      "  - { type: contains, value: answer }",
      "  - { type: regex, pattern: '\\d+@\\w+', mode: must-not-match }",
      "  - { type: length, unit: words, max: 50 }",
      "  - { type: citations }",
      "",
    ].join("\n"),
  );

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
  await rm(dir, { recursive: true, force: true });
}
