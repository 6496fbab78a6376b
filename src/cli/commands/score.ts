import { Command, InvalidArgumentError, Option } from "commander";
import { ExitCode } from "../exit-codes.js";
import { parsePositiveInt } from "../output.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command("score")
    .description("Score production outputs (MLflow traces, an inference-table or JSONL export) with a suite's checks, judges and guardrails, without calling the target")
    .requiredOption("--suite <file>", "the suite whose checks, judges and guardrails score the records (evalgate.yaml)")
    .requiredOption("--from <source>", "mlflow:<experiment>[?filter=<MLflow trace filter>] or jsonl:<file>")
    .option("--since <time>", "records at or after this time: ISO 8601, or a duration back from now (90m, 2h, 7d)")
    .option("--until <time>", "records before this time: ISO 8601, or a duration back from now")
    .option("--sample <n>", "score a seeded random sample of n records", parsePositiveInt)
    .option("--seed <n>", "seed of --sample (default 0)", parseSeed)
    .option("--reports-dir <dir>", "where run directories go", "reports")
    .option("--tracking-uri <uri>", "MLflow server of mlflow: sources (default MLFLOW_TRACKING_URI, then the suite's tracking_uri)")
    .option("--concurrency <n>", "trials in flight at once (overrides the suite)", parsePositiveInt)
    .option("--json", "print the summary and the source counts as JSON on stdout")
    .addOption(new Option("--no-tracking", "do not log the scoring run to MLflow"))
    .addOption(new Option("--no-write-back", "do not write verdicts back to the source traces"))
    .option("--no-cache", "judges neither read nor write the response cache")
    .action(async (options: ScoreCommandOptions) => {
      const [{ scoreProduction, parseTimeOption }, { printSummary }] = await Promise.all([import("../../production/index.js"), import("../output.js")]);
      const now = new Date();
      const result = await scoreProduction({
        configFile: options.suite,
        from: options.from,
        ...(options.since ? { since: parseTimeOption(options.since, "--since", now) } : {}),
        ...(options.until ? { until: parseTimeOption(options.until, "--until", now) } : {}),
        ...(options.sample === undefined ? {} : { sample: options.sample }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        reportsDir: options.reportsDir,
        ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        tracking: options.tracking ? "auto" : "off",
        writeBack: options.writeBack,
        noCache: options.cache === false,
      });
      const { source } = result;
      const counts = `${source.found} found, ${source.skipped} already scored, ${result.failed} failed requests not scored, ${source.count} scored`;
      if (options.json) {
        const summary = result.run?.summary;
        process.stdout.write(`${JSON.stringify({ source, failed: result.failed, run_id: result.run?.runId ?? null, write_back: result.writeBack ?? null, ...(summary ? { summary } : {}) }, null, 2)}\n`);
      } else if (result.run) await printSummary(result.run.summary, false);
      process.stderr.write(`evalgate: ${source.uri}${source.format ? ` (${source.format})` : ""}: ${counts}\n`);
      if (!result.run) {
        process.stderr.write("evalgate: nothing new to score; no run written\n");
        return;
      }
      process.stderr.write(`evalgate: results in ${result.run.runDir}\n`);
      if (result.run.tracking?.ok) process.stderr.write(`evalgate: logged to MLflow: ${result.run.tracking.url}\n`);
      else if (result.run.tracking) {
        process.stderr.write(`evalgate: logging to MLflow failed: ${result.run.tracking.error}\n`);
        setExit(ExitCode.runtime);
      }
      const back = result.writeBack;
      if (back) {
        process.stderr.write(`evalgate: wrote ${back.assessments} assessments back to ${back.traces} traces\n`);
        if (back.failed > 0) {
          process.stderr.write(`evalgate: ${back.failed} writes back to MLflow failed; first error: ${back.firstError ?? ""}\n`);
          setExit(ExitCode.runtime);
        }
      }
    });
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`Expected a whole number, received "${value}".`);
  return n;
}

interface ScoreCommandOptions {
  suite: string;
  from: string;
  since?: string;
  until?: string;
  sample?: number;
  seed?: number;
  reportsDir: string;
  trackingUri?: string;
  concurrency?: number;
  json?: boolean;
  tracking: boolean;
  writeBack: boolean;
  cache: boolean;
}
