/**
 * evalgate/vitest: evals beside unit tests. Needs vitest (a peer dependency);
 * the main `evalgate` entry never imports it.
 */
export { describeEval } from "./describe-eval.js";
export type { DescribeEvalOptions, EvalData, EvalTask } from "./options.js";
export { evalVerdicts, type AggregateVerdict, type CaseVerdict, type EvalVerdicts } from "./verdicts.js";
export { runEval, type EvalRun } from "./run-eval.js";
export type { Threshold } from "./thresholds.js";
