import { z } from "zod";
import type { CodeConfig } from "../config/index.js";
import type { CaseInput } from "../datasets/index.js";
import type { TargetContext } from "../targets/index.js";

/**
 * The pipeline under test: the contract of a `module` target. Return the
 * answer, or `{ output, trace? }` to record a trace (retrieved context, tool
 * calls, usage). An answer that is itself an object with an `output` field
 * must be wrapped: `{ output: answer }`.
 */
export type EvalTask = (input: unknown, ctx: TargetContext) => unknown;

/** Dataset files (JSONL or CSV), cases written in code, or a function that returns the cases. */
export type EvalData = string | readonly string[] | readonly CaseInput[] | (() => readonly CaseInput[] | Promise<readonly CaseInput[]>);

/**
 * describeEval's options: the suite file's keys (repeats, concurrency,
 * timeout_ms, checks, judges, providers, tracking, …, same schema and
 * defaults), plus what only code can give. Relative paths resolve against
 * the test file's directory.
 */
export interface DescribeEvalOptions extends Omit<CodeConfig, "name" | "dataset" | "target" | "tracking"> {
  /** The cases; default the suite file's datasets. */
  data?: EvalData;
  /** The pipeline under test; default the suite file's target. */
  task?: EvalTask;
  /** A suite file (evalgate.yaml): every key not given here comes from it. */
  suite?: string;
  /**
   * Floors on pass rates by metric id (`overall`, a check or judge id,
   * `tag:<tag>`, or a glob over them), as the gate's `min_pass_rate`.
   * Default: the suite's `gate.min_pass_rate`. `{}` measures without failing.
   */
  threshold?: Record<string, number>;
  /** What a threshold is compared with: the interval's lower bound (default) or the point estimate. */
  threshold_on?: "lower_bound" | "estimate";
  /** The suite's `tracking:` block; `false` never logs to MLflow (the CLI's --no-tracking). */
  tracking?: CodeConfig["tracking"] | false;
  /** "default": judges use the response cache; "targets": model-backed targets too; "off": nothing is cached. */
  cache?: "default" | "targets" | "off";
  /** Where run directories go; default `reports` under the working directory, as for `evalgate run`. */
  reports_dir?: string;
}

const fraction = z.number().min(0).max(1);

/** The options only describeEval has; the rest are validated as suite config. */
export const EvalOnlyOptionsSchema = z.object({
  data: z.unknown().optional(),
  task: z.custom<EvalTask>((value) => typeof value === "function", "Expected a function (input, ctx) => output").optional(),
  suite: z.string().min(1).optional(),
  threshold: z.record(z.string().min(1), fraction).optional(),
  threshold_on: z.enum(["lower_bound", "estimate"]).default("lower_bound"),
  tracking: z.unknown().optional(),
  cache: z.enum(["default", "targets", "off"]).default("default"),
  reports_dir: z.string().min(1).optional(),
});

export const EVAL_ONLY_KEYS = ["data", "task", "suite", "threshold", "threshold_on", "tracking", "cache", "reports_dir"] as const;
