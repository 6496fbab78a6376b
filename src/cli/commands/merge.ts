import { Option, type Command } from "commander";
import { ExitCode } from "../exit-codes.js";

interface MergeCommandOptions {
  out: string;
  suite?: string;
  json?: boolean;
  tracking: boolean;
}

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command("merge")
    .description("Combine the shard runs of a suite (evalgate run --shard i/n, every i) into one run: its summary, reports and MLflow run are those of the unsharded run")
    .argument("<run-dir...>", "the run directory of every shard (reports/<run-id>), in any order")
    .option("--out <dir>", "reports dir the merged run goes into", "reports")
    .option("--suite <file>", "suite whose tracking: block and labels/ apply (default: the suite file the shards recorded)")
    .option("--json", "print the summary as JSON on stdout")
    .addOption(new Option("--no-tracking", "do not log to MLflow even when tracking is configured"))
    .action(async (runDirs: string[], options: MergeCommandOptions) => {
      const { mergeRuns } = await import("../../runner/index.js");
      const { printSummary } = await import("../output.js");
      const merged = await mergeRuns({
        runDirs,
        reportsDir: options.out,
        tracking: options.tracking ? "auto" : "off",
        ...(options.suite ? { suiteFile: options.suite } : {}),
      });
      for (const warning of merged.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
      await printSummary(merged.summary, options.json === true);
      const from = merged.manifest.merged_from ?? [];
      process.stderr.write(`evalgate: merged ${from.length} shard${from.length === 1 ? "" : "s"} (${from.map((m) => m.run_id).join(", ")}) into ${merged.runDir}\n`);
      if (merged.tracking?.ok) {
        for (const warning of merged.tracking.warnings) process.stderr.write(`evalgate: mlflow: ${warning}\n`);
        process.stderr.write(`evalgate: logged to MLflow: ${merged.tracking.url}\n`);
      } else if (merged.tracking) {
        process.stderr.write(`evalgate: logging to MLflow failed: ${merged.tracking.error}\n`);
        setExit(ExitCode.runtime);
      }
      // The same verdict `evalgate run` gives the unsharded run.
      const errorRate = merged.summary.errors.rate ?? 0;
      if (merged.allowedErrorRate !== undefined && errorRate > merged.allowedErrorRate) {
        process.stderr.write(`evalgate: ${(errorRate * 100).toFixed(1)}% of trials errored (allowed: ${(merged.allowedErrorRate * 100).toFixed(1)}%, max_error_rate in the suite)\n`);
        setExit(ExitCode.failed);
      }
    });
}
