import { dirname, resolve } from "node:path";
import type { z } from "zod";
import { describeZodIssues, loadConfig, resolveCodeConfig, type CodeConfig, type ResolvedConfig } from "../config/index.js";
import type { LoadedDataset } from "../datasets/index.js";
import { ConfigError } from "../errors.js";
import type { TrialRecord } from "../log/index.js";
import type { Summary } from "../report/index.js";
import { buildSuite, runSuite, type RunReporter, type RunStartInfo, type Suite, type TrackingOutcome } from "../runner/index.js";
import { createRedactor } from "../secrets/index.js";
import { codeCases } from "./internal/code-cases.js";
import { taskTarget } from "./internal/task-target.js";
import { EVAL_ONLY_KEYS, EvalOnlyOptionsSchema, type DescribeEvalOptions } from "./options.js";
import { expandThresholds, type Threshold } from "./thresholds.js";

/** A finished eval: what its tests are built from. */
export interface EvalRun {
  runId: string;
  runDir: string;
  summary: Summary;
  /** Every recorded trial, collected as they ended. */
  trials: TrialRecord[];
  thresholds: Threshold[];
  maxErrorRate: number;
  tracking?: TrackingOutcome;
}

export interface RunEvalContext {
  /** The test file calling describeEval: relative paths resolve against its directory. */
  testFile?: string;
  /** Problems that fail nothing (dataset warnings, a target ignoring a setting). */
  warn?: (message: string) => void;
  /** Before the first trial, once the run has its id and directory. */
  onStart?: (info: RunStartInfo) => void;
}

/**
 * Runs one describeEval through the real runner: config through the suite
 * file's schema, a Suite built from it, and runSuite, so the run directory,
 * summary, reports and MLflow logging are those of `evalgate run`.
 */
export async function runEval(name: string, options: DescribeEvalOptions, context: RunEvalContext = {}): Promise<EvalRun> {
  const { config, dataset, evalOnly, baseDir, where } = await resolveEval(name, options, context);
  const floors = evalOnly.threshold ?? defaultFloors(config, where);
  const secrets = createRedactor();
  const cacheMode = { noCache: evalOnly.cache === "off", cacheTargets: evalOnly.cache === "targets" };
  const suite = await buildSuite(config, {
    ...cacheMode,
    secrets,
    ...(dataset ? { dataset } : {}),
    ...(evalOnly.task ? { target: taskTarget(evalOnly.task, `describeEval(${JSON.stringify(name)}) task in ${context.testFile ?? baseDir}`) } : {}),
  });
  let thresholds: Threshold[];
  try {
    thresholds = expandThresholds(floors, evalOnly.threshold_on, metricIds(suite), where);
  } catch (error) {
    // runSuite closes the target after a run; refused before one, it is closed here.
    await suite.target.close?.();
    throw error;
  }

  const trials: TrialRecord[] = [];
  const warn = context.warn ?? (() => undefined);
  const collector: RunReporter = {
    onRunStart: (info) => {
      context.onStart?.(info);
      info.warnings.forEach(warn);
    },
    onWarning: warn,
    onTrialEnd: (record) => void trials.push(record),
  };
  const result = await runSuite({
    suite,
    secrets,
    ...cacheMode,
    reportsDir: evalOnly.reports_dir === undefined ? resolve("reports") : resolve(baseDir, evalOnly.reports_dir),
    tracking: evalOnly.tracking === false ? "off" : "auto",
    reporters: [collector],
  });
  return {
    runId: result.runId,
    runDir: result.runDir,
    summary: result.summary,
    trials,
    thresholds,
    maxErrorRate: config.max_error_rate,
    ...(result.tracking ? { tracking: result.tracking } : {}),
  };
}

interface Where {
  file: string;
  subject: string;
}

interface ResolvedEval {
  config: ResolvedConfig;
  /** Cases given in code; absent when they come from dataset files (the config's or the suite's). */
  dataset?: LoadedDataset;
  evalOnly: z.output<typeof EvalOnlyOptionsSchema>;
  baseDir: string;
  where: Where;
}

/** Options → a resolved suite config (through the suite file's schema) and the cases given in code. */
async function resolveEval(name: string, options: DescribeEvalOptions, context: RunEvalContext): Promise<ResolvedEval> {
  const baseDir = context.testFile ? dirname(context.testFile) : process.cwd();
  // Not a file: run.json's suite_file then names where the run came from, and readers that look for a suite there find none.
  const origin = `${context.testFile ?? resolve(baseDir, "describeEval")}#${name.replace(/[\\/]/g, "-")}`;
  const where = { file: origin, subject: "describeEval options" };
  const { own, rest } = split(options);
  const parsed = EvalOnlyOptionsSchema.safeParse(own);
  if (!parsed.success) throw new ConfigError(where.file, describeZodIssues(parsed.error.issues, EvalOnlyOptionsSchema, own).map(({ path, message }) => ({ path, message })), { subject: where.subject });
  const evalOnly = parsed.data;

  const base = evalOnly.suite === undefined ? undefined : await loadConfig(resolve(baseDir, evalOnly.suite));
  const missing = [
    ...(evalOnly.task === undefined && !base ? [{ path: "task", message: "Expected a task (input, ctx) => output, or `suite:` naming a suite file whose target to run" }] : []),
    ...(evalOnly.data === undefined && !base ? [{ path: "data", message: "Expected data: dataset files, an array of cases or a function returning them, or `suite:` naming a suite file whose datasets to run" }] : []),
  ];
  if (missing.length > 0) throw new ConfigError(where.file, missing, { subject: where.subject });

  const paths = dataPaths(evalOnly.data);
  const input: CodeConfig = {
    ...rest,
    name,
    ...(paths ? { dataset: paths } : {}),
    // Recorded in the config (and its hash) to say where the task lives; the task itself replaces the target.
    ...(evalOnly.task ? { target: { type: "module", path: context.testFile ?? origin, export: `describeEval(${JSON.stringify(name)}).task` } } : {}),
    ...(evalOnly.tracking === undefined || evalOnly.tracking === false ? {} : { tracking: evalOnly.tracking as CodeConfig["tracking"] }),
  };
  const config = resolveCodeConfig(input, { configFile: origin, baseDir, ...(base ? { base } : {}), subject: where.subject });
  const dataset = paths || evalOnly.data === undefined ? undefined : await casesFromCode(evalOnly.data, where);
  return { config, ...(dataset ? { dataset } : {}), evalOnly, baseDir, where };
}

function split(options: DescribeEvalOptions): { own: Record<string, unknown>; rest: CodeConfig } {
  const own: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) ((EVAL_ONLY_KEYS as readonly string[]).includes(key) ? own : rest)[key] = value;
  return { own, rest: rest as CodeConfig };
}

/** Dataset files go through the suite's dataset loading (same checks, same messages); anything else is cases given in code. */
function dataPaths(data: unknown): string | string[] | undefined {
  if (typeof data === "string") return data;
  if (Array.isArray(data) && data.length > 0 && data.every((item) => typeof item === "string")) return data as string[];
  return undefined;
}

async function casesFromCode(data: unknown, where: Where): Promise<LoadedDataset> {
  return codeCases(typeof data === "function" ? await (data as () => unknown)() : data, where);
}

/** Without `threshold`, the suite's gate floors apply; with neither, the eval could never fail, so say so. */
function defaultFloors(config: ResolvedConfig, where: Where): Record<string, number> {
  const floors = config.gate?.min_pass_rate ?? {};
  if (Object.keys(floors).length > 0) return floors;
  throw new ConfigError(where.file, [{ path: "threshold", message: 'Expected a threshold, e.g. threshold: { overall: 0.8 } (pass rate floors by metric id), or a suite whose gate.min_pass_rate sets them; threshold: {} measures without ever failing' }], { subject: where.subject });
}

/** The metrics a threshold can name, as the gate names them. */
function metricIds(suite: Suite): string[] {
  const tags = [...new Set(suite.cases.flatMap((c) => c.tags ?? []))].map((tag) => `tag:${tag}`);
  return ["overall", ...suite.checks.map((c) => c.id), ...(suite.judges?.manifestEntries().map((j) => j.id) ?? []), ...tags];
}
