import { resolve } from "node:path";
import { Option, type Command } from "commander";
import { createPushProgress } from "../progress.js";

export function register(program: Command): void {
  const mlflow = program.command("mlflow").description("Log runs to MLflow and fetch them back");

  mlflow
    .command("push")
    .description(
      "Log a recorded run to MLflow: params, metrics, artifacts, one trace per trial; pushing again returns the same MLflow run. Honours the tracking: block of the suite file the run was made from",
    )
    .argument("<run-id>", "run id (a directory under the reports dir)")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--tracking-uri <uri>", "http(s)://host:port, databricks or databricks://<profile> (default: MLFLOW_TRACKING_URI, then the suite's tracking.mlflow.tracking_uri)")
    .option("--experiment <name>", "experiment name, e.g. /Shared/support-bot-evals (default: the suite's tracking.mlflow.experiment, then MLFLOW_EXPERIMENT_NAME, then the suite name)")
    .option("--json", "print the result as JSON on stdout")
    .addOption(new Option("--no-progress", "no upload progress on stderr"))
    .action(async (runId: string, options: { reportsDir: string; trackingUri?: string; experiment?: string; json?: boolean; progress: boolean }) => {
      const [{ runPaths }, { summarizeRun }, { alignmentMetrics, pushRunToMlflow }] = await Promise.all([
        import("../../log/index.js"),
        import("../../report/index.js"),
        import("../../tracking/index.js"),
      ]);
      const runDir = runPaths(resolve(options.reportsDir), runId).dir;
      const result = await pushRunToMlflow({
        runDir,
        extraMetrics: alignmentMetrics((await summarizeRun(runDir)).summary),
        ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
        ...(options.experiment ? { experiment: options.experiment } : {}),
        ...(options.progress ? { onProgress: createPushProgress() } : {}),
      });
      for (const warning of result.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const verb = result.created ? "logged" : "already logged";
      process.stdout.write(`evalgate: ${verb} run ${runId} as MLflow run ${result.mlflowRunId}\n${result.url}\n`);
    });

  mlflow
    .command("pull")
    .description("Download a run logged by `evalgate mlflow push` into a local run dir (e.g. as a gate baseline)")
    .argument("<mlflow-run-id>", "the MLflow run id")
    .option("--dest <dir>", "reports dir to write <run-id>/ into", "reports")
    .option("--tracking-uri <uri>", "http(s)://host:port, databricks or databricks://<profile> (default: MLFLOW_TRACKING_URI)")
    .option("--json", "print the result as JSON on stdout")
    .action(async (mlflowRunId: string, options: { dest: string; trackingUri?: string; json?: boolean }) => {
      const { pullRunFromMlflow } = await import("../../tracking/index.js");
      const result = await pullRunFromMlflow({
        mlflowRunId,
        destDir: resolve(options.dest),
        ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      });
      const report = { mlflowRunId: result.mlflowRunId, runId: result.run.manifest.run_id, runDir: result.runDir, files: result.files };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(`evalgate: pulled MLflow run ${mlflowRunId} into ${result.runDir} (${result.files.join(", ")})\n`);
    });
}
