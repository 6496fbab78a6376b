import cluster from "node:cluster";
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import type { ProxyLogEntry } from "../../guardrails/index.js";
// Only the constants, not the proxy: option defaults are needed to print the help.
import { GUARD_PROXY_DEFAULTS, UPSTREAM_API_KEY_ENV } from "../../guardrails/proxy/defaults.js";
import { ExitCode } from "../exit-codes.js";
import { parsePositiveInt } from "../output.js";
import { createCountProgress } from "../progress.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  const guard = program.command("guard").description("Run guardrails as a proxy, and measure them on labelled rows");

  guard
    .command("eval")
    .description("Score each guard on labelled rows: TP/FP/FN/TN, precision, recall, F1, false-positive rate, latency, PII entities")
    .argument("<guardrails>", "the guardrails file (guardrails/*.yaml)")
    .requiredOption("--dataset <file>", "labelled rows, JSONL or CSV: { id, text, stage, expect_triggered, expect_spans? }")
    .option("--json", "print the figures as JSON on stdout")
    .option("--concurrency <n>", "rows checked at once", parsePositiveInt, 4)
    .addOption(new Option("--no-progress", "no progress bar on stderr"))
    .action(async (file: string, options: { dataset: string; json?: boolean; concurrency: number; progress: boolean }) => {
      const { evaluateGuardrails, formatGuardEvalText, loadGuardrails } = await import("../../guardrails/index.js");
      const guardrails = await loadGuardrails(resolve(file));
      const progress = options.progress ? createCountProgress("rows") : undefined;
      try {
        const report = await evaluateGuardrails({
          guardrails,
          dataset: resolve(options.dataset),
          concurrency: options.concurrency,
          ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
        });
        progress?.end();
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatGuardEvalText(report));
      } finally {
        progress?.end();
      }
    });

  guard
    .command("serve")
    .description("Serve an OpenAI-compatible /v1/chat/completions that runs the guardrails around an upstream model")
    .requiredOption("--config <file>", "the guardrails file (guardrails/*.yaml)")
    .requiredOption("--upstream <url>", "OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or https://<workspace>/serving-endpoints")
    .option("--host <host>", "interface to listen on", GUARD_PROXY_DEFAULTS.host)
    .option("--port <n>", "port to listen on (0: any free port)", parsePort, GUARD_PROXY_DEFAULTS.port)
    .option("--check-every <n>", "streaming: run the output guards every n content chunks", parsePositiveInt, GUARD_PROXY_DEFAULTS.checkEvery)
    .option("--workers <n>", "processes serving the port (node:cluster), for more than one CPU core's worth of requests", parsePositiveInt, 1)
    .option("--log <file>", "append one JSON line per request to this file (default: stderr)")
    .addOption(new Option("--no-log", "do not log requests"))
    .addHelpText(
      "after",
      `\nThe upstream credential is read from ${UPSTREAM_API_KEY_ENV} and sent as "Authorization: Bearer …";\n` +
        "the client's own Authorization header is never forwarded (clients may pass any placeholder key).\n" +
        "Log lines hold each guard's decision, never message text or credentials.",
    )
    .action(async (options: ServeOptions) => {
      if (options.workers > 1 && cluster.isPrimary) {
        setExit(await superviseWorkers(options));
        return;
      }
      const { loadGuardrails, startGuardProxy } = await import("../../guardrails/index.js");
      const guardrails = await loadGuardrails(resolve(options.config));
      const log = requestLog(options.log);
      // Request ids stay unique across workers sharing one log.
      const worker = cluster.isWorker ? cluster.worker?.id : undefined;
      const proxy = await startGuardProxy({
        guardrails,
        upstream: options.upstream,
        host: options.host,
        port: options.port,
        checkEvery: options.checkEvery,
        ...(log ? { log: worker === undefined ? log.write : (entry: ProxyLogEntry) => log.write({ ...entry, request: `w${worker}-${entry.request}` }) } : {}),
      });
      const serving = `guardrails "${guardrails.name}" serving ${proxy.url}/v1/chat/completions → ${new URL(options.upstream).origin} (${credentialNote()})`;
      // A worker tells the primary, which prints the line once for all of them.
      if (cluster.isWorker) process.send?.({ serving });
      else {
        process.stderr.write(`evalgate: ${serving}\n`);
        if (!isLoopback(options.host)) warnExposed(options.host);
      }
      const signal = await stopSignal();
      if (!cluster.isWorker) process.stderr.write(`evalgate: ${signal === "SIGINT" ? "interrupted" : `received ${signal}`}; stopping the proxy\n`);
      await proxy.close();
      await log?.close();
      // The channel to the primary would keep a worker alive.
      if (cluster.isWorker) process.disconnect();
      // Stopping a server is how it ends: not a failure.
      setExit(ExitCode.ok);
    });
}

function credentialNote(): string {
  return process.env[UPSTREAM_API_KEY_ENV] ? `key from ${UPSTREAM_API_KEY_ENV}` : `no key (${UPSTREAM_API_KEY_ENV} is not set)`;
}

function warnExposed(host: string): void {
  process.stderr.write(`evalgate: warning: listening on ${host}: anyone who can reach it calls the upstream with your credential\n`);
}

/**
 * The first SIGINT or SIGTERM. A worker keeps ignoring later ones: Ctrl-C
 * reaches it and the primary's SIGTERM follows, and it is already stopping.
 */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const listen = cluster.isWorker ? process.on.bind(process) : process.once.bind(process);
    listen("SIGINT", done);
    listen("SIGTERM", done);
  });
}

/**
 * --workers n: n processes running this same command share the listening
 * port (node:cluster hands out connections), each with its own guards and
 * upstream connections. The primary only starts, reports and stops them;
 * one that dies stops the rest, since a proxy missing a worker would serve
 * some connections and refuse others.
 */
async function superviseWorkers(options: ServeOptions): Promise<ExitCode> {
  const workers = Array.from({ length: options.workers }, () => cluster.fork());
  let stopping = false;
  let listening = 0;
  const exited = workers.map((worker) => new Promise<number | null>((done) => worker.once("exit", (code) => done(code))));
  for (const worker of workers) {
    worker.on("message", (message: { serving?: string }) => {
      if (typeof message?.serving !== "string" || ++listening < workers.length) return;
      process.stderr.write(`evalgate: ${message.serving}, ${workers.length} workers\n`);
      if (!isLoopback(options.host)) warnExposed(options.host);
    });
    worker.once("exit", (code) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`evalgate: a proxy worker exited (code ${code}); stopping the others\n`);
      for (const other of workers) if (other !== worker) other.kill("SIGTERM");
    });
  }
  const failed = new Promise<"failed">((done) => void Promise.race(exited).then(() => stopping && done("failed")));
  const signal = await Promise.race([stopSignal(), failed]);
  if (signal !== "failed") {
    stopping = true;
    process.stderr.write(`evalgate: ${signal === "SIGINT" ? "interrupted" : `received ${signal}`}; stopping the proxy\n`);
    for (const worker of workers) worker.kill("SIGTERM");
  }
  await Promise.all(exited);
  return signal === "failed" ? ExitCode.runtime : ExitCode.ok;
}

interface ServeOptions {
  config: string;
  upstream: string;
  host: string;
  port: number;
  checkEvery: number;
  workers: number;
  log: string | false | undefined;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`Expected a port between 0 and 65535, received "${value}".`);
  return n;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

/** Where request lines go: stderr by default, a file with --log, nowhere with --no-log. */
function requestLog(option: string | false | undefined): { write: (entry: ProxyLogEntry) => void; close: () => Promise<void> } | undefined {
  if (option === false) return undefined;
  if (option === undefined) return { write: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`), close: async () => {} };
  const file = createWriteStream(resolve(option), { flags: "a" });
  return {
    write: (entry) => file.write(`${JSON.stringify(entry)}\n`),
    close: () => new Promise((done) => file.end(done)),
  };
}
