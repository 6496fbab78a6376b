import { resolve } from "node:path";
import type { Command } from "commander";
import { validateDatasetFile } from "../../datasets/index.js";
import { EvalgateError } from "../../errors.js";
import { loadSuite } from "../../runner/index.js";

export function register(program: Command): void {
  program
    .command("validate")
    .description("Validate a suite (config, datasets, checks, target) or, with --dataset, one dataset file")
    .argument("[suite]", "path to the suite config (evalgate.yaml)")
    .option("--dataset <file>", "validate one dataset file on its own (JSONL or CSV)")
    .option("--json", "print the result as JSON on stdout")
    .action(async (suite: string | undefined, options: { dataset?: string; json?: boolean }) => {
      if (!suite && !options.dataset) {
        throw new EvalgateError("CONFIG_INVALID", "Nothing to validate: pass a suite file or --dataset <file>.");
      }
      const report = options.dataset ? await validateDataset(resolve(options.dataset)) : await validateSuite(resolve(suite as string));
      if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, ...report }, null, 2)}\n`);
      else process.stdout.write(`✓ ${report.message}\n`);
    });
}

async function validateDataset(file: string) {
  const dataset = await validateDatasetFile(file);
  return { message: `${file}: ${dataset.cases.length} cases, no problems`, cases: dataset.cases.length };
}

async function validateSuite(file: string) {
  const suite = await loadSuite(file);
  const parts = [`${suite.cases.length} cases`, `${suite.checks.length} checks`, `target ${suite.target.info.description}`];
  return { message: `${file}: ${parts.join(", ")}`, cases: suite.cases.length, checks: suite.checks.length };
}
