import { resolve } from "node:path";
import type { Command } from "commander";
import { validateDatasetFile } from "../../datasets/index.js";
import { ConfigError, DatasetError, EvalgateError, formatDatasetIssue } from "../../errors.js";
import { plural } from "../../report/index.js";
import { loadSuite } from "../../runner/index.js";
import { ExitCode, exitCodeFor } from "../exit-codes.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command("validate")
    .description("Validate a suite (config, datasets, checks, judges, guardrails, target) or, with --dataset, one dataset file")
    .argument("[suite]", "path to the suite config (evalgate.yaml)")
    .option("--dataset <file>", "validate one dataset file on its own (JSONL or CSV)")
    .option("--json", "print the result as JSON on stdout, problems included")
    .action(async (suite: string | undefined, options: { dataset?: string; json?: boolean }) => {
      if (!suite && !options.dataset) {
        throw new EvalgateError("CONFIG_INVALID", "Nothing to validate: pass a suite file or --dataset <file>.");
      }
      try {
        const report = options.dataset ? await validateDataset(resolve(options.dataset)) : await validateSuite(resolve(suite as string));
        if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, ...report }, null, 2)}\n`);
        else {
          for (const warning of report.warnings) process.stderr.write(`evalgate: warning: ${formatDatasetIssue(warning)}\n`);
          process.stdout.write(`✓ ${report.message}\n`);
        }
      } catch (error) {
        if (!options.json || !(error instanceof EvalgateError)) throw error;
        // Machines get the located problems as data; people get the rendered message on stderr.
        process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message, issues: issuesOf(error) }, null, 2)}\n`);
        setExit(exitCodeFor(error));
      }
    });
}

function issuesOf(error: EvalgateError): unknown[] {
  if (error instanceof ConfigError || error instanceof DatasetError) return [...error.issues];
  return [];
}

async function validateDataset(file: string) {
  const dataset = await validateDatasetFile(file);
  return { message: `${file}: ${plural(dataset.cases.length, "case")}, no problems${warned(dataset.warnings)}`, cases: dataset.cases.length, warnings: dataset.warnings };
}

async function validateSuite(file: string) {
  const suite = await loadSuite(file);
  const judges = suite.judges?.judges.length ?? 0;
  const guards = suite.guardrails ? suite.guardrails.input.length + suite.guardrails.output.length : 0;
  const parts = [plural(suite.cases.length, "case"), plural(suite.checks.length, "check"), plural(judges, "judge"), ...(suite.guardrails ? [plural(guards, "guard")] : []), `target ${suite.target.info.description}`];
  return { message: `${file}: ${parts.join(", ")}${warned(suite.dataset.warnings)}`, cases: suite.cases.length, checks: suite.checks.length, judges, guards, warnings: suite.dataset.warnings };
}

/** A valid suite with warnings still passes; the count sends the reader to stderr. */
function warned(warnings: readonly unknown[]): string {
  return warnings.length === 0 ? "" : ` (${plural(warnings.length, "warning")} above)`;
}
