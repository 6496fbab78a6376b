// Overhead of `evalgate guard serve` over calling a local upstream directly:
// the same chat completions, 50 in flight, once straight to the upstream and
// once through the proxy (the built CLI in its own process, five static
// guards on the two stages). Reports latency percentiles of both, their
// differences and ratios, and the proxy's own time per request from its log;
// asserts nothing. See README.md.
// Usage: npm run build && node bench/guard-proxy.js [--requests 1000] [--concurrency 50] [--latency 20,200] [--jitter 0] [--rounds 3] [--workers 1] [--json]
//
// --jitter j: the upstream answers after a delay drawn uniformly from latency × [1 − j, 1 + j]
// (seeded). At 0 every request takes the same time, so the 50 in flight arrive at the proxy
// together, round after round: the worst case for one event loop. Real model latencies vary
// (a few tens of percent at least), which spreads the arrivals out.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "50" },
    latency: { type: "string", default: "20,200" },
    jitter: { type: "string", default: "0" },
    rounds: { type: "string", default: "3" },
    workers: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const latencies = values.latency.split(",").map(Number);
const jitter = Number(values.jitter);
const rounds = Number(values.rounds);
const workers = Number(values.workers);

const BIN = join(import.meta.dirname, "..", "bin", "evalgate.js");
if (!existsSync(join(import.meta.dirname, "..", "dist", "cli", "index.js"))) {
  console.error("bench measures the built CLI: run `npm run build` first.");
  process.exit(2);
}

// Static guards only: a model-based guard would measure the model, not the proxy.
const GUARDRAILS = `name: bench
input:
  - { id: pii, type: pii, action: redact }
  - { id: injection, type: injection, action: block, threshold: 0.5 }
  - { id: secrets, type: secrets, action: block }
output:
  - { id: no-secrets-out, type: secrets, action: block }
  - { id: no-pii-out, type: pii, action: redact }
fallback: "Sorry, I can't help with that."
`;

// About 1 KB of user text (a support question with a log excerpt), every other request with an email to redact.
const QUESTION =
  "The export of my notebook keeps failing since yesterday. I tried the desktop app and the web app, " +
  "cleared the cache and signed in again, but the Export button only shows a spinner. From the log:\n" +
  "2024-05-02T10:14:22Z ERROR export worker=3 request_id=9f1c2d7e-4b8a-4c1e-9a51-0d6f3b2e7a10 status=503 retry_in=30s\n" +
  "2024-05-02T10:14:52Z ERROR export worker=3 request_id=0b5e8c1a-77d2-4f0e-8a43-5c1d2e3f4a5b status=503 retry_in=60s\n" +
  "Is this a known outage, or is something wrong with my account? I have about 2,000 notes in 14 notebooks " +
  "and the largest note has a few hundred images. Should I export the notebooks one by one instead? ";
const ANSWER =
  "Exports of large notebooks can time out while the export service is under load. Export the notebooks one " +
  "at a time from Settings > Data > Export, and choose Markdown without attachments first; attachments can " +
  "be exported separately. If it still fails after an hour, reply with the request id and we will check the logs. [kb-data-export]";
const BODIES = [0, 1].map((i) =>
  JSON.stringify({
    model: "bench",
    messages: [
      { role: "system", content: "You are the support assistant of Acme Cloud Notes." },
      { role: "user", content: i === 0 ? QUESTION : `${QUESTION}Reply to jane.doe@example.com please.` },
    ],
  }),
);

// node:http with keep-alive: a light client, so the client's own cost weighs little on either side.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const dir = await mkdtemp(join(tmpdir(), "evalgate-bench-proxy-"));
const results = [];
try {
  await writeFile(join(dir, "guardrails.yaml"), GUARDRAILS);
  for (const latencyMs of latencies) results.push(await measure(latencyMs));
} finally {
  agent.destroy();
  await rm(dir, { recursive: true, force: true });
}
if (values.json) console.log(JSON.stringify(results, null, 2));
else for (const result of results) print(result);

async function measure(latencyMs) {
  const upstream = await startUpstream(latencyMs);
  const log = join(dir, `proxy-${latencyMs}.jsonl`);
  const proxy = await startProxy(join(dir, "guardrails.yaml"), `${upstream.url}/v1`, log);
  try {
    const directUrl = `${upstream.url}/v1/chat/completions`;
    const proxiedUrl = `${proxy.url}/v1/chat/completions`;
    // Warm both paths (connections, JIT) before measuring.
    await load(directUrl, Math.min(200, requests));
    await load(proxiedUrl, Math.min(200, requests));
    const warmups = Math.min(200, requests);
    const direct = [];
    const proxied = [];
    let proxyCpuMs = 0;
    // Alternating rounds, so drift on a shared machine hits both sides alike.
    for (let round = 0; round < rounds; round++) {
      direct.push(...(await load(directUrl, requests)));
      const cpuBefore = cpuMs(proxy.child.pid);
      proxied.push(...(await load(proxiedUrl, requests)));
      proxyCpuMs += cpuMs(proxy.child.pid) - cpuBefore;
    }
    proxy.child.kill("SIGTERM");
    await proxy.exited;
    // The proxy's own time per request: its duration minus the upstream's share, from its log.
    const entries = (await readFile(log, "utf8")).trim().split("\n").map((line) => JSON.parse(line)).slice(warmups);
    const own = entries.map((entry) => entry.duration_ms - entry.upstream_ms);
    const blocked = entries.filter((entry) => entry.outcome !== "forwarded").length;
    const d = summary(direct);
    const p = summary(proxied);
    return {
      requests: requests * rounds,
      concurrency,
      upstreamLatencyMs: latencyMs,
      jitter,
      workers,
      direct: d,
      proxied: p,
      overheadMs: Object.fromEntries(Object.keys(d).map((k) => [k, p[k] - d[k]])),
      ratio: Object.fromEntries(Object.keys(d).map((k) => [k, p[k] / d[k]])),
      proxyOwnMs: summary(own),
      // NaN where /proc is missing (not Linux).
      proxyCpuMsPerRequest: proxyCpuMs / (requests * rounds),
      notForwarded: blocked,
      loadAverage: os.loadavg()[0],
      cpus: os.availableParallelism(),
    };
  } finally {
    proxy.child.kill("SIGTERM");
    await upstream.close();
  }
}

/** CPU time (user + system) a process and its live children (--workers) have used, in ms, from /proc; NaN elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, 100 per second on Linux
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ").filter(Boolean);
    return own + children.reduce((sum, child) => sum + cpuMs(Number(child)), 0);
  } catch {
    return Number.NaN;
  }
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: "Bearer placeholder" } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} from ${url}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** `total` POSTs with `concurrency` in flight; each request's latency in ms. */
async function load(url, total) {
  const times = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const started = performance.now();
      await post(url, BODIES[i % 2]);
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times;
}

function percentile(sorted, p) {
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  return sorted[below] + (sorted[Math.ceil(rank)] - sorted[below]) * (rank - below);
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

function print(r) {
  const spread = r.jitter > 0 ? ` ± ${Math.round(r.jitter * 100)} % (uniform)` : "";
  console.log(`Guard proxy: ${r.requests} chat completions at concurrency ${r.concurrency}, upstream answering after ${r.upstreamLatencyMs} ms${spread}${r.workers > 1 ? `, ${r.workers} proxy workers` : ""}`);
  console.log("direct: client → upstream; proxied: client → evalgate guard serve (5 static guards) → upstream\n");
  const keys = ["p50", "p95", "p99", "mean"];
  const ms = (v) => v.toFixed(2);
  const signed = (v) => `${v >= 0 ? "+" : ""}${v.toFixed(2)}`;
  const rows = [
    ["", ...keys.map((k) => `${k} ms`)],
    ["direct", ...keys.map((k) => ms(r.direct[k]))],
    ["proxied", ...keys.map((k) => ms(r.proxied[k]))],
    ["overhead", ...keys.map((k) => signed(r.overheadMs[k]))],
    ["ratio", ...keys.map((k) => r.ratio[k].toFixed(3))],
    ["in proxy", ...keys.map((k) => ms(r.proxyOwnMs[k]))],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
  console.log("\noverhead: proxied minus direct, percentile by percentile (target: p95 < 5 ms).");
  console.log("in proxy: from the proxy's log, each request's duration minus the upstream's share (guards, parsing, forwarding).");
  console.log(`proxy CPU: ${r.proxyCpuMsPerRequest.toFixed(2)} ms per request; load average ${r.loadAverage.toFixed(1)} on ${r.cpus} CPUs while measuring.\n`);
}

/** A minimal OpenAI-compatible upstream: reads the request, waits about `latency` ms (see --jitter), answers a fixed completion. */
async function startUpstream(latency) {
  // mulberry32: a small seeded generator, so every run draws the same delays.
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const delay = () => latency * (1 + jitter * (2 * random() - 1));
  const payload = JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 0,
    model: "bench",
    choices: [{ index: 0, message: { role: "assistant", content: ANSWER, refusal: null }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 250, completion_tokens: 80, total_tokens: 330 },
  });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
        res.end(payload);
      }, delay());
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** The built CLI in its own process, as users run it; resolves once it prints where it listens. */
function startProxy(config, upstreamUrl, log) {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : []), BIN, "guard", "serve", "--config", config, "--upstream", upstreamUrl, "--port", "0", "--workers", String(workers), "--log", log], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const match = /serving (http:\/\/[^\s/]+)\/v1\/chat\/completions/.exec(stderr);
      if (match) resolve({ child, url: match[1], exited });
    });
    exited.then((code) => reject(new Error(`guard serve exited with ${code}:\n${stderr}`)));
  });
}
