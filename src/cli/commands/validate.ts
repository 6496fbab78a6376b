import { resolve } from "node:path";
import type { Command } from "commander";
import { ConfigError, DatasetError, EvalgateError, formatDatasetIssue, type DatasetIssue } from "../../errors.js";
import { ExitCode, exitCodeFor } from "../exit-codes.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command("validate")
    .description("Validate a suite (config, datasets, checks, judges, guardrails, target) or, with --dataset, one dataset file")
    .argument("[suite]", "path to the suite config (evalgate.yaml)")
    .option("--dataset <file>", "validate one dataset file on its own (JSONL or CSV)")
    .option("--shard <i/n>", "also list the cases shard i of n runs (evalgate run --shard i/n)")
    .option("--json", "print the result as JSON on stdout, problems included")
    .action(async (suite: string | undefined, options: { dataset?: string; shard?: string; json?: boolean }) => {
      if (!suite && !options.dataset) {
        throw new EvalgateError("CONFIG_INVALID", "Nothing to validate: pass a suite file or --dataset <file>.");
      }
      try {
        const report: Validated = options.dataset ? await validateDataset(resolve(options.dataset)) : await validateSuite(resolve(suite as string), options.shard);
        if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, ...report }, null, 2)}\n`);
        else {
          for (const warning of report.warnings) process.stderr.write(`evalgate: warning: ${formatDatasetIssue(warning)}\n`);
          process.stdout.write(`✓ ${report.message}\n`);
          if (report.shard) process.stdout.write(`shard ${report.shard.index}/${report.shard.count}: ${report.shard.cases.length} of ${report.cases} cases\n${report.shard.cases.map((id) => `  ${id}\n`).join("")}`);
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

interface Validated {
  message: string;
  cases: number;
  warnings: DatasetIssue[];
  checks?: number;
  judges?: number;
  guards?: number;
  shard?: { index: number; count: number; cases: string[] };
}

async function validateDataset(file: string): Promise<Validated> {
  const [{ validateDatasetFile }, { plural }] = await Promise.all([import("../../datasets/index.js"), import("../../report/index.js")]);
  const dataset = await validateDatasetFile(file);
  return { message: `${file}: ${plural(dataset.cases.length, "case")}, no problems${warned(dataset.warnings, plural)}`, cases: dataset.cases.length, warnings: dataset.warnings };
}

async function validateSuite(file: string, shardText: string | undefined): Promise<Validated> {
  const [{ loadSuite, parseShard, selectShard }, { plural }] = await Promise.all([import("../../runner/index.js"), import("../../report/index.js")]);
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  const suite = await loadSuite(file);
  const judges = suite.judges?.judges.length ?? 0;
  const guards = suite.guardrails ? suite.guardrails.input.length + suite.guardrails.output.length : 0;
  const parts = [plural(suite.cases.length, "case"), plural(suite.checks.length, "check"), plural(judges, "judge"), ...(suite.guardrails ? [plural(guards, "guard")] : []), `target ${suite.target.info.description}`];
  const sharded = shard ? { shard: { ...shard, cases: selectShard(suite.cases, shard).cases.map((c) => c.id) } } : {};
  return { message: `${file}: ${parts.join(", ")}${warned(suite.dataset.warnings, plural)}`, cases: suite.cases.length, checks: suite.checks.length, judges, guards, warnings: suite.dataset.warnings, ...sharded };
}

/** A valid suite with warnings still passes; the count sends the reader to stderr. */
function warned(warnings: readonly unknown[], plural: (n: number, noun: string) => string): string {
  return warnings.length === 0 ? "" : ` (${plural(warnings.length, "warning")} above)`;
}
