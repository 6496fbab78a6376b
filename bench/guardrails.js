// evalgate bench: quality and speed of the offline guardrail detectors on the
// public datasets in ../shared/datasets/guardrails (see guardrails-datasets.js).
// Usage: npm run build && node bench/guardrails.js [--json] [--threshold 0.5] [--misses]
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadGuardrailDatasets } from "./guardrails-datasets.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    threshold: { type: "string", default: "0.5" },
    misses: { type: "boolean", default: false },
  },
});

const built = join(import.meta.dirname, "..", "dist", "guardrails", "detectors", "index.js");
if (!existsSync(built)) {
  console.error("bench measures the built library: run `npm run build` first.");
  process.exit(2);
}
const detectors = await import(built);

const data = await loadGuardrailDatasets();
if (data.status === "skipped") {
  console.log(values.json ? JSON.stringify({ status: "skipped", reason: data.reason }) : `Guardrail detectors: skipped: ${data.reason}`);
  process.exit(0);
}

/**
 * presidio's labels for the structured entities, mapped to ours. The dataset
 * labels its web addresses DOMAIN_NAME (every one is an http(s) URL) and has
 * no URL label, so both map to URL. PERSON, LOCATION, DATE_TIME and the other
 * unstructured types are outside the targets and never count.
 */
const STRUCTURED = {
  EMAIL_ADDRESS: "EMAIL",
  PHONE_NUMBER: "PHONE",
  CREDIT_CARD: "CREDIT_CARD",
  US_SSN: "US_SSN",
  IBAN_CODE: "IBAN",
  IP_ADDRESS: "IP_ADDRESS",
  URL: "URL",
  DOMAIN_NAME: "URL",
};
const TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "US_SSN", "IBAN", "IP_ADDRESS", "URL"];
const threshold = Number(values.threshold);

const pii = measurePii(data.pii);
const address = measureType(data.pii, "STREET_ADDRESS", { STREET_ADDRESS: "STREET_ADDRESS" });
const injection = measureInjection(data.jailbreak);
const latency = measureLatency([...data.pii.map((r) => r.text), ...data.jailbreak.map((r) => r.text)]);

if (values.json) {
  console.log(JSON.stringify({ pii, street_address: address.total, injection, latency }, null, 2));
} else {
  printReport();
}

/**
 * Row-level counts per type T, over the presidio sentences:
 * - TP: the row has a T span and findPii returns a T span overlapping one of them;
 * - FN: the row has a T span and no returned T span overlaps any;
 * - FP: findPii returns a T span and the row has no T span at all.
 * A row with both a found and a missed T span counts as a TP. The totals add
 * the counts of the seven structured types (pairs of row and type).
 */
function measurePii(rows) {
  const perType = Object.fromEntries(TYPES.map((type) => [type, counts()]));
  const misses = [];
  const falsePositives = [];
  for (const row of rows) {
    const found = detectors.findPii(row.text, { entities: TYPES });
    for (const type of TYPES) {
      const gold = row.spans.filter((s) => STRUCTURED[s.type] === type);
      const mine = found.filter((s) => s.label === type);
      const c = perType[type];
      if (gold.length > 0) {
        const hit = mine.some((m) => gold.some((g) => m.start < g.end && g.start < m.end));
        if (hit) c.tp++;
        else {
          c.fn++;
          misses.push({ id: row.id, type, expected: gold.map((g) => row.text.slice(g.start, g.end)) });
        }
      } else if (mine.length > 0) {
        c.fp++;
        falsePositives.push({ id: row.id, type, found: mine.map((m) => row.text.slice(m.start, m.end)) });
      }
    }
  }
  const total = counts();
  for (const c of Object.values(perType)) for (const key of ["tp", "fp", "fn"]) total[key] += c[key];
  const withRates = (c) => ({ ...c, ...rates(c) });
  return {
    rows: rows.length,
    types: Object.fromEntries(TYPES.map((type) => [type, withRates(perType[type])])),
    total: withRates(total),
    misses,
    false_positives: falsePositives,
  };
}

/** One entity type outside the targets (street addresses), counted the same way for information. */
function measureType(rows, label, mapping) {
  const c = counts();
  for (const row of rows) {
    const gold = row.spans.filter((s) => mapping[s.type] === label);
    const mine = detectors.findPii(row.text, { entities: [label] });
    if (gold.length > 0) mine.some((m) => gold.some((g) => m.start < g.end && g.start < m.end)) ? c.tp++ : c.fn++;
    else if (mine.length > 0) c.fp++;
  }
  return { total: { ...c, ...rates(c) } };
}

/** Jailbreak rows caught at the threshold (recall) and benign rows flagged (false-positive rate). */
function measureInjection(rows) {
  const c = { ...counts(), tn: 0 };
  const misses = [];
  const falsePositives = [];
  for (const row of rows) {
    const { score } = detectors.scoreInjection(row.text);
    const flagged = score >= threshold;
    if (row.expected && flagged) c.tp++;
    else if (row.expected) {
      c.fn++;
      misses.push({ id: row.id, score, text: row.text.slice(0, 100) });
    } else if (flagged) {
      c.fp++;
      falsePositives.push({ id: row.id, score, text: row.text.slice(0, 100) });
    } else c.tn++;
  }
  return { threshold, ...c, ...rates(c), fpr: c.fp + c.tn === 0 ? 0 : c.fp / (c.fp + c.tn), misses, false_positives: falsePositives };
}

/**
 * Per-call latency on 2 KB inputs: the dataset texts concatenated into
 * 2,048-character chunks (mixed PII sentences and prompts). After a warm-up
 * pass, each detector runs 7 times on each chunk; a chunk's latency is the
 * median of its 7 (so a scheduler pause on a busy machine does not count as
 * the detector's), and p50/p95 are taken over the chunks.
 */
function measureLatency(texts) {
  const joined = texts.join("\n");
  const chunks = [];
  for (let i = 0; i + 2048 <= joined.length && chunks.length < 400; i += 2048) chunks.push(joined.slice(i, i + 2048));
  // Worst cases: 2 KB of what the scanners work hardest on (digit groups, colons, dotted numbers, capitalised words, keywords, base64).
  const fill = (unit) => unit.repeat(Math.ceil(2048 / unit.length)).slice(0, 2048);
  const adversarial = ["1 ", "12-", "1.", "a:", "a@", "Main Street 12 ", "+44 (0)20 7946-0958 x12 ", "ignore all previous ", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3", '"token": "'].map(fill);
  const runs = {
    pii: (t) => detectors.findPii(t),
    secrets: (t) => detectors.findSecrets(t),
    injection: (t) => detectors.scoreInjection(t),
    keywords: (t) => detectors.matchKeywords(t, { block: ["password", "wire transfer", "social security"] }),
    urls: (t) => detectors.checkUrls(t, { allow: ["example.com"] }),
    redact: (t) => detectors.redactSpans(t, detectors.findPii(t)),
  };
  const result = {};
  const medianOf7 = (run, input) => {
    const times = [];
    for (let round = 0; round < 7; round++) {
      const start = performance.now();
      run(input);
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[3];
  };
  for (const [name, run] of Object.entries(runs)) {
    for (const input of [...chunks, ...adversarial]) run(input);
    const perChunk = chunks.map((chunk) => medianOf7(run, chunk)).sort((a, b) => a - b);
    const worst = Math.max(...adversarial.map((input) => medianOf7(run, input)));
    result[name] = { inputs: chunks.length, calls: chunks.length * 7, p50_ms: quantile(perChunk, 0.5), p95_ms: quantile(perChunk, 0.95), worst_case_ms: worst };
  }
  return result;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function counts() {
  return { tp: 0, fp: 0, fn: 0 };
}

function rates({ tp, fp, fn }) {
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

function printReport() {
  const pct = (x) => `${(100 * x).toFixed(1)} %`;
  const table = (header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
    for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  "));
  };
  console.log(`PII, structured entities (presidio synth v2, ${pii.rows} sentences; row-level, see bench/README.md)`);
  const line = (name, c) => [name, c.tp, c.fp, c.fn, pct(c.recall), pct(c.precision)];
  table(["type", "TP", "FP", "FN", "recall", "precision"], [...TYPES.map((t) => line(t, pii.types[t])), line("all structured", pii.total), line("(street address)", address.total)]);
  console.log("targets: recall ≥ 95 %, precision ≥ 98 % (all structured)\n");
  console.log(`Injection, static layer (openai-guardrails demo, threshold ${threshold})`);
  table(["rows", "TP", "FP", "FN", "TN", "recall", "FPR"], [[injection.tp + injection.fp + injection.fn + injection.tn, injection.tp, injection.fp, injection.fn, injection.tn, pct(injection.recall), pct(injection.fpr)]]);
  console.log("targets: recall ≥ 60 %, false-positive rate ≤ 5 %\n");
  console.log("Latency per call on 2 KB inputs");
  table(["detector", "inputs", "calls", "p50 ms", "p95 ms", "worst case ms"], Object.entries(latency).map(([name, l]) => [name, l.inputs, l.calls, l.p50_ms.toFixed(3), l.p95_ms.toFixed(3), l.worst_case_ms.toFixed(3)]));
  console.log("target: p95 < 1 ms (worst case: synthetic 2 KB inputs built to make the scanners work hardest)");
  if (values.misses) {
    console.log("\nPII misses:");
    for (const m of pii.misses) console.log(`  ${m.id} ${m.type}: ${m.expected.join(" | ")}`);
    console.log("PII false positives:");
    for (const f of pii.false_positives) console.log(`  ${f.id} ${f.type}: ${f.found.join(" | ")}`);
    console.log("Injection misses:");
    for (const m of injection.misses) console.log(`  ${m.id} (${m.score.toFixed(2)}): ${JSON.stringify(m.text)}`);
    console.log("Injection false positives:");
    for (const f of injection.false_positives) console.log(`  ${f.id} (${f.score.toFixed(2)}): ${JSON.stringify(f.text)}`);
  }
}
