import { resolve } from "node:path";
import type { Command } from "commander";
import { runPaths } from "../../log/index.js";
import { summarizeRun } from "../../report/index.js";
import { printSummary } from "../output.js";

export function register(program: Command): void {
  program
    .command("report")
    .description("Print the summary of a recorded run (recomputed from its results.jsonl, with corrected pass rates for judges aligned with human labels)")
    .argument("<run-id>", "run id (a directory under the reports dir)")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--json", "print the summary as JSON on stdout")
    .action(async (runId: string, options: { reportsDir: string; json?: boolean }) => {
      const { summary, health } = await summarizeRun(runPaths(resolve(options.reportsDir), runId).dir);
      for (const warning of health.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
      printSummary(summary, options.json === true);
    });
}
