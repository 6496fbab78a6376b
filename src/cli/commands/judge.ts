import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import type { JudgeTestResult } from "../../judges/index.js";
import { ExitCode } from "../exit-codes.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  const judge = program.command("judge").description("Work on LLM judges (one binary judge per failure mode)");

  judge
    .command("test")
    .description("Show the exact prompt a judge sends for one case and, unless --dry-run, run it once")
    .argument("<judge-file>", "the judge's Markdown file")
    .requiredOption("--case <id>", "the case to judge")
    .option("--suite <file>", "suite config whose dataset holds the case (default with --run: the run's suite)")
    .option("--run <run-id>", "judge the output recorded for the case in this run")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--trial <n>", "which recorded trial of the case (with --run)", parseTrial, 0)
    .option("--output <text>", "the response to judge, instead of a recorded one")
    .option("--dry-run", "print the prompt only; no model call")
    .option("--json", "print the prompt and verdict as JSON on stdout")
    .addOption(new Option("--no-cache", "always call the model, never the response cache"))
    .action(async (judgeFile: string, options: JudgeTestOptions) => {
      const [{ testJudge }, { runPaths }] = await Promise.all([import("../../judges/index.js"), import("../../log/index.js")]);
      const result = await testJudge({
        judgeFile: resolve(judgeFile),
        caseId: options.case,
        trial: options.trial,
        cache: options.cache,
        dryRun: options.dryRun === true,
        ...(options.suite ? { suiteFile: resolve(options.suite) } : {}),
        ...(options.run ? { runDir: runPaths(resolve(options.reportsDir), options.run).dir } : {}),
        ...(options.output === undefined ? {} : { output: options.output }),
      });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatJudgeTest(result));
      // An unscored verdict is a runtime failure of the judge, not a FAIL of the case.
      if (result.verdict?.outcome === "error") setExit(ExitCode.runtime);
    });
}

interface JudgeTestOptions {
  case: string;
  suite?: string;
  run?: string;
  reportsDir: string;
  trial: number;
  output?: string;
  dryRun?: boolean;
  json?: boolean;
  cache: boolean;
}

function parseTrial(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`Expected a trial index ≥ 0, received "${value}".`);
  return n;
}

function formatJudgeTest(result: JudgeTestResult): string {
  const { judge, verdict } = result;
  const lines = [`judge ${judge.id} (version ${judge.version}, model ${judge.model}) on case ${result.caseId}, trial ${result.trial}`, ""];
  for (const message of result.messages) lines.push(`── ${message.role} ──`, message.content, "");
  if (!verdict) {
    lines.push("(dry run: no model call)");
  } else {
    lines.push(`── verdict ──`, `${verdict.outcome.toUpperCase()}${verdict.cached ? " (cached)" : ""}`, verdict.critique);
    if (verdict.raw !== undefined) lines.push("", "raw reply:", verdict.raw);
  }
  return `${lines.join("\n")}\n`;
}
