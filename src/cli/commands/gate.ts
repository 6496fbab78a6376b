import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { GateOutcome, Verdict } from "../../gate/index.js";
import { errorMessage } from "../../errors.js";
import { ExitCode } from "../exit-codes.js";

interface GateCommandOptions {
  baseline?: string;
  candidate: string;
  suite?: string;
  reportsDir: string;
  trackingUri?: string;
  json?: boolean;
  markdown?: string;
  junit?: string;
  html?: string;
}

const EXIT_FOR: Record<Verdict, ExitCode> = { pass: ExitCode.ok, warn: ExitCode.ok, fail: ExitCode.failed, inconclusive: ExitCode.inconclusive };

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command("gate")
    .description(
      "Compare a candidate run with a baseline, paired by case, and decide: pass or warn (exit 0), fail (1), inconclusive (4). Rules come from the suite's gate: block",
    )
    .requiredOption("--candidate <ref>", "the run to judge: a run id, a run directory, mlflow:<run-id> or mlflow:latest?experiment=<name>&tag.<key>=<value>")
    .option("--baseline <ref>", "the run to compare with, same forms as --candidate (default: the suite's gate.baseline)")
    .option("--suite <file>", "suite file whose gate: and tracking: blocks apply (default: the suite the candidate ran from)")
    .option("--reports-dir <dir>", "where run ids are looked up", "reports")
    .option("--tracking-uri <uri>", "MLflow for mlflow: refs (default: MLFLOW_TRACKING_URI, then the suite's tracking.mlflow.tracking_uri)")
    .option("--json", "print the result as JSON on stdout")
    .option("--markdown <file>", "also write a PR-comment-sized Markdown summary (appended to $GITHUB_STEP_SUMMARY when set)")
    .option("--junit <file>", "also write JUnit XML: one testcase per case and gated metric")
    .option("--html <file>", "write the HTML report with the Compare view here (default: report.html in the candidate's run directory, when it is local)")
    .action(async (options: GateCommandOptions) => {
      const { appendGithubStepSummary, formatGateJunit, formatGateMarkdown, formatGateText, runGate } = await import("../../gate/index.js");
      const { result, baseline, candidate } = await runGate({
        candidate: options.candidate,
        ...(options.baseline ? { baseline: options.baseline } : {}),
        ...(options.suite ? { suite: options.suite } : {}),
        reportsDir: resolve(options.reportsDir),
        ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      });
      for (const warning of [...baseline.run.health.warnings, ...candidate.run.health.warnings]) process.stderr.write(`evalgate: warning: ${warning}\n`);
      const markdown = formatGateMarkdown(result);
      if (options.markdown) await writeFile(options.markdown, markdown);
      if (options.junit) await writeFile(options.junit, formatGateJunit(result));
      try {
        await writeCompareReport({ result, baseline, candidate }, options.html);
      } catch (error) {
        // A read-only run directory must not cost the verdict: say why the page is missing, decide as usual.
        process.stderr.write(`evalgate: warning: ${errorMessage(error)}\n`);
      }
      try {
        await appendGithubStepSummary(markdown);
      } catch (error) {
        // The verdict matters more than the job page: say why it is missing, then decide as usual.
        process.stderr.write(`evalgate: warning: ${errorMessage(error)}\n`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatGateText(result));
      setExit(EXIT_FOR[result.verdict]);
    });
}

/**
 * The candidate's report.html, now with the Compare view: rewritten in its
 * run directory, or written to --html. An MLflow candidate was only pulled
 * into a temporary directory, so without --html there is nowhere to keep it.
 */
async function writeCompareReport({ result, baseline, candidate }: GateOutcome, file: string | undefined): Promise<void> {
  const target = file ? resolve(file) : candidate.ref.startsWith("mlflow:") ? undefined : candidate.run.paths.reportHtml;
  if (!target) return;
  const { writeHtmlReport } = await import("../../html-report/index.js");
  await writeHtmlReport(target, { manifest: candidate.run.manifest, trials: candidate.run.trials, compare: { result, baseline: baseline.run } });
}
