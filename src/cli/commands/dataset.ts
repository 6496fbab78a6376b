import { InvalidArgumentError, type Command } from "commander";
import type { AddCasesResult, SkippedCase } from "../../datasets/index.js";
import type { SynthResult } from "../../synth/index.js";
import { ExitCode } from "../exit-codes.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  const dataset = program.command("dataset").description("Grow a dataset: cases from a run's trials (e.g. failing production traces), or synthetic cases");

  dataset
    .command("add")
    .description("Append the inputs of a run's chosen trials to a JSONL dataset as new cases (outputs left out, provenance kept)")
    .requiredOption("--from <run>", "a run directory or a run id under --reports-dir (e.g. a run written by evalgate score)")
    .option("--where <expr>", "which trials: outcome=fail, status=error, check:<id>=fail, judge:<id>=fail, guard:<id>=triggered, tag:<tag>; \",\" = any of; repeat the option = all of", collect)
    .option("--tag <tag>", "add this tag to every new case (repeatable)", collect)
    .requiredOption("--to <file>", "the JSONL dataset to append to (created when missing)")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--dry-run", "show what would be added, write nothing")
    .option("--json", "print the result as JSON")
    .action(async (options: AddOptions) => {
      const { addCasesFromRun } = await import("../../datasets/index.js");
      const result = await addCasesFromRun({
        from: options.from,
        reportsDir: options.reportsDir,
        where: options.where ?? [],
        tags: options.tag ?? [],
        to: options.to,
        dryRun: options.dryRun === true,
      });
      for (const warning of result.warnings) process.stderr.write(`evalgate: warning: ${warning}\n`);
      process.stdout.write(options.json ? `${JSON.stringify(addSummary(result), null, 2)}\n` : formatAdd(result));
    });

  dataset
    .command("synth")
    .description("Generate synthetic user queries from dimensions (persona × goal × scenario …), tagged by dimension value, appended to a JSONL dataset")
    .requiredOption("--dimensions <file>", "the dimensions file (YAML): product description, dimensions and their values")
    .requiredOption("--n <count>", "how many queries to ask for", parsePositiveInt)
    .option("--model <id>", "the model that writes the queries, e.g. openai:gpt-4.1-mini or scripted:<replies.jsonl> (relative to the dimensions file)")
    .requiredOption("--to <file>", "the JSONL dataset to append to (created when missing)")
    .option("--seed <n>", "seed of the sample of combinations", parseSeed, 0)
    .option("--concurrency <n>", "model calls in flight at once", parsePositiveInt, 4)
    .option("--dry-run", "print the combinations and prompts; call no model, write nothing")
    .option("--json", "print the result as JSON")
    .action(async (options: SynthOptions) => {
      const { synthesizeCases, formatSynthDryRun, formatSynthResult } = await import("../../synth/index.js");
      const result = await synthesizeCases({
        dimensionsFile: options.dimensions,
        n: options.n,
        to: options.to,
        seed: options.seed,
        concurrency: options.concurrency,
        dryRun: options.dryRun === true,
        ...(options.model ? { model: options.model } : {}),
      });
      if (options.json) process.stdout.write(`${JSON.stringify(synthSummary(result), null, 2)}\n`);
      else process.stdout.write(result.dryRun ? formatSynthDryRun(result) : formatSynthResult(result));
      // What was generated is kept; a combination the model never answered is a runtime failure to look at.
      if (result.failed.length > 0) setExit(ExitCode.runtime);
    });
}

interface AddOptions {
  from: string;
  where?: string[];
  tag?: string[];
  to: string;
  reportsDir: string;
  dryRun?: boolean;
  json?: boolean;
}

interface SynthOptions {
  dimensions: string;
  n: number;
  model?: string;
  to: string;
  seed: number;
  concurrency: number;
  dryRun?: boolean;
  json?: boolean;
}

/** A repeatable option: every occurrence, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

// Not ../output.js's twin: that module loads the report formatter, and this file must stay light for --help.
function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`Expected a whole number ≥ 1, received "${value}".`);
  return n;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`Expected an integer seed, received "${value}".`);
  return n;
}

function addSummary(result: AddCasesResult) {
  return {
    run_id: result.runId,
    file: result.file,
    dry_run: result.dryRun,
    trials: result.trials,
    matched: result.matched,
    existing: result.existing,
    added: result.added.length,
    skipped: result.skipped.length,
    sha256_before: result.sha256Before ?? null,
    sha256_after: result.sha256After ?? null,
    cases: result.added.map((c) => ({ id: String(c.id), source_trace: c.metadata?.source_trace ?? null })),
    skipped_cases: result.skipped,
  };
}

function synthSummary(result: SynthResult) {
  return {
    file: result.file,
    dry_run: result.dryRun,
    n: result.n,
    seed: result.seed,
    model: result.model ?? null,
    generated: result.generated,
    existing: result.existing,
    added: result.added.length,
    near_duplicates: result.skipped.filter((s) => s.reason === "same-input").length,
    failed: result.failed,
    sha256_before: result.sha256Before ?? null,
    sha256_after: result.sha256After ?? null,
    // The prompts only where they are the point (a dry run).
    combinations: result.plan.map((item) => ({ key: item.key, occurrence: item.occurrence, values: item.values, ...(result.dryRun ? { messages: item.messages } : {}) })),
    cases: result.added.map((c) => ({ id: String(c.id), input: c.input, tags: c.tags ?? [] })),
    skipped_cases: result.skipped,
  };
}

function formatAdd(result: AddCasesResult): string {
  const verb = result.dryRun ? "would add" : "added";
  const lines = [`${verb} ${count(result.added.length, "case")} to ${result.file} from ${count(result.matched, "matching trial")} of ${result.trials} in run ${result.runId}`];
  for (const c of result.added) lines.push(`  + ${String(c.id)}  ${preview(c.input)}`);
  const byReason = (reason: SkippedCase["reason"]) => result.skipped.filter((s) => s.reason === reason);
  const sameInput = byReason("same-input");
  const sameId = byReason("same-id");
  const invalid = byReason("invalid");
  const inFile = sameInput.filter((s) => s.duplicateIn === "file").length;
  if (inFile > 0) lines.push(`skipped ${count(inFile, "trial")} whose input is already in the file`);
  if (sameInput.length > inFile) lines.push(`skipped ${count(sameInput.length - inFile, "trial")} whose input repeats an earlier one of this batch`);
  if (sameId.length > 0) lines.push(`skipped ${count(sameId.length, "case")} whose id is already in the file`);
  for (const s of invalid) lines.push(`skipped ${s.source}: not a valid case (${s.detail})`);
  if (!result.dryRun && result.sha256After) lines.push(`sha256 ${result.sha256Before ?? "(new file)"} → ${result.sha256After}`);
  return `${lines.join("\n")}\n`;
}

function preview(input: unknown): string {
  const text = typeof input === "string" ? input : JSON.stringify(input);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
