import { Command, Option } from "commander";
import type { RunReporter } from "../../runner/index.js";
import { ExitCode } from "../exit-codes.js";
import { createProgressReporter } from "../progress.js";
import { parsePositiveInt, printSummary } from "../output.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command("run")
    .description("Run every case of a suite `repeats` times, score it, and write reports/<run-id>/")
    .argument("[suite]", "path to the suite config (evalgate.yaml); optional with --resume")
    .option("--resume <run-id>", "continue an interrupted run: only missing trials run, none twice")
    .option("--reports-dir <dir>", "where run directories go", "reports")
    .option("--repeats <n>", "trials per case (overrides the suite)", parsePositiveInt)
    .option("--concurrency <n>", "trials in flight at once (overrides the suite)", parsePositiveInt)
    .option("--shard <i/n>", "run only shard i of n (e.g. 2/4): the cases whose id hashes there; combine the shards with evalgate merge")
    .option("--json", "print the summary as JSON on stdout")
    .addOption(new Option("--no-progress", "no progress output on stderr"))
    .addOption(
      new Option("--cache <parts>", "also serve these from the response cache (judges always use it): targets").choices(["targets"]),
    )
    .option("--no-cache", "judges neither read nor write the response cache")
    .addOption(new Option("--no-tracking", "do not log to MLflow even when tracking is configured"))
    .action(async (suite: string | undefined, options: RunCommandOptions) => {
      const { parseShard, runSuite } = await import("../../runner/index.js");
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      // SIGTERM (CI cancellation, `timeout`, `docker stop`) stops a run the way Ctrl-C does.
      const controller = new AbortController();
      let stoppedBy: NodeJS.Signals | undefined;
      const onSignal = (name: NodeJS.Signals) => {
        const code = name === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted;
        if (controller.signal.aborted) process.exit(code);
        stoppedBy = name;
        const again = name === "SIGINT" ? "Ctrl-C again" : `${name} again`;
        process.stderr.write(`\nevalgate: ${name === "SIGINT" ? "interrupted" : `received ${name}`}; finishing writes (${again} to quit now)\n`);
        controller.abort(new Error("interrupted"));
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        const result = await runSuite({
          configFile: suite,
          resume: options.resume,
          reportsDir: options.reportsDir,
          repeats: options.repeats,
          concurrency: options.concurrency,
          ...(shard ? { shard } : {}),
          signal: controller.signal,
          tracking: options.tracking ? "auto" : "off",
          cacheTargets: options.cache === "targets",
          noCache: options.cache === false,
          reporters: [warningPrinter, ...(options.progress ? [createProgressReporter()] : [])],
        });
        await printSummary(result.summary, options.json === true);
        if (result.manifest.status === "interrupted") {
          process.stderr.write(`evalgate: run interrupted; resume with: evalgate run --resume ${result.runId}\n`);
          setExit(stoppedBy === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted);
          return;
        }
        process.stderr.write(`evalgate: results in ${result.runDir}\n`);
        if (result.tracking?.ok) {
          for (const warning of result.tracking.warnings) process.stderr.write(`evalgate: mlflow: ${warning}\n`);
          process.stderr.write(`evalgate: logged to MLflow: ${result.tracking.url}\n`);
        } else if (result.tracking) {
          // The error names the local results and the push command that retries.
          process.stderr.write(`evalgate: logging to MLflow failed: ${result.tracking.error}\n`);
          setExit(ExitCode.runtime);
        }
        const allowed = result.allowedErrorRate;
        const errorRate = result.summary.errors.rate ?? 0;
        if (errorRate > allowed) {
          process.stderr.write(
            `evalgate: ${(errorRate * 100).toFixed(1)}% of trials errored (allowed: ${(allowed * 100).toFixed(1)}%, max_error_rate in the suite)\n`,
          );
          setExit(ExitCode.failed);
        }
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

/** Warnings print whatever the progress setting: they are about the suite, not the run's pace. */
const warningPrinter: RunReporter = {
  onRunStart: (info) => {
    for (const warning of info.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
  },
  onWarning: (message) => process.stderr.write(`evalgate: warning: ${message}\n`),
};

interface RunCommandOptions {
  resume?: string;
  reportsDir: string;
  repeats?: number;
  concurrency?: number;
  shard?: string;
  json?: boolean;
  progress: boolean;
  tracking: boolean;
  /** "targets" with --cache targets; false with --no-cache. */
  cache?: "targets" | false;
}
