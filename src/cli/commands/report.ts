import { resolve } from "node:path";
import type { Command } from "commander";
import { readRun, runPaths } from "../../log/index.js";
import { summarize } from "../../report/index.js";
import { printSummary } from "../output.js";

export function register(program: Command): void {
  program
    .command("report")
    .description("Print the summary of a recorded run (recomputed from its results.jsonl)")
    .argument("<run-id>", "run id (a directory under the reports dir)")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--json", "print the summary as JSON on stdout")
    .action(async (runId: string, options: { reportsDir: string; json?: boolean }) => {
      const { manifest, trials, health } = await readRun(runPaths(resolve(options.reportsDir), runId).dir);
      for (const warning of health.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
      printSummary(summarize(manifest, trials), options.json === true);
    });
}
