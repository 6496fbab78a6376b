import { resolve } from "node:path";
import type { Command } from "commander";
import { printSummary } from "../output.js";

interface ReportCommandOptions {
  reportsDir: string;
  json?: boolean;
  compare?: string;
  html?: string;
  suite?: string;
  trackingUri?: string;
}

export function register(program: Command): void {
  program
    .command("report")
    .description(
      "Print the summary of a recorded run (recomputed from its results.jsonl, with corrected pass rates for judges aligned with human labels) and rewrite its report.html and results.csv",
    )
    .argument("<run-id>", "run id (a directory under the reports dir)")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--json", "print the summary as JSON on stdout")
    .option("--compare <ref>", "add the Compare view: this run against a baseline (a run id, a run directory, mlflow:<run-id> or mlflow:latest?…), paired by case as evalgate gate compares")
    .option("--html <file>", "write the HTML report here instead of report.html in the run directory")
    .option("--suite <file>", "with --compare: the suite whose gate: rules apply (default: the suite the run was made from)")
    .option("--tracking-uri <uri>", "with --compare: MLflow for mlflow: refs (default: MLFLOW_TRACKING_URI, then the suite's)")
    .action(async (runId: string, options: ReportCommandOptions) => {
      const [{ runGate }, { writeRunReports }, { runPaths }, { summarizeRun }] = await Promise.all([
        import("../../gate/index.js"),
        import("../../html-report/index.js"),
        import("../../log/index.js"),
        import("../../report/index.js"),
      ]);
      const reportsDir = resolve(options.reportsDir);
      const runDir = runPaths(reportsDir, runId).dir;
      const { summary, health, manifest, scan } = await summarizeRun(runDir);
      for (const warning of health.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
      let compare;
      if (options.compare) {
        const gate = await runGate({
          candidate: runDir,
          baseline: options.compare,
          reportsDir,
          ...(options.suite ? { suite: options.suite } : {}),
          ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
        });
        for (const warning of gate.baseline.run.health.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
        compare = { result: gate.result, baseline: gate.baseline.run };
      }
      const written = await writeRunReports({ runDir, manifest, summary, scan, ...(options.html ? { htmlFile: resolve(options.html) } : {}), ...(compare ? { compare } : {}) });
      await printSummary(summary, options.json === true);
      process.stderr.write(`evalgate: wrote ${written.html} and ${written.csv}\n`);
    });
}
