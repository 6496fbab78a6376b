import { describe, expect, test, type TestContext } from "vitest";
import { formatPercent } from "../report/index.js";
import type { DescribeEvalOptions } from "./options.js";
import { runEval, type EvalRun } from "./run-eval.js";
import { evalVerdicts, type AggregateVerdict, type CaseVerdict } from "./verdicts.js";

type DescribeFn = typeof describe | typeof describe.only;

/**
 * An eval as a vitest describe block: every case runs `repeats` times through
 * evalgate's runner (nothing stops at a failure), the run directory is
 * written as by `evalgate run`, then one test per case, named with its pass
 * rate, and one test per threshold and for the error budget. The block fails
 * only when an aggregate misses its threshold (see evalVerdicts).
 *
 * The eval runs while vitest collects the block: test names are fixed at
 * collection, and these carry results. Collection has no timeout, so long
 * evals need no testTimeout or hookTimeout setting.
 */
export function describeEval(name: string, options: DescribeEvalOptions): void {
  register(describe, name, options);
}

/** Runs only this eval in the file (vitest's `.only`). */
describeEval.only = (name: string, options: DescribeEvalOptions): void => register(describe.only, name, options);

/** Registers the block as skipped without running the eval. */
describeEval.skip = (name: string, _options: DescribeEvalOptions): void => {
  describe.skip(name, () => {
    test.skip("eval skipped", () => undefined);
  });
};

function register(describeFn: DescribeFn, name: string, options: DescribeEvalOptions): void {
  // Read now: the worker's current file while the test module is evaluated.
  const testFile = expect.getState().testPath;
  describeFn(name, async () => {
    const run = await runEval(name, options, {
      ...(testFile ? { testFile } : {}),
      warn: (message) => console.warn(`evalgate: warning: ${message}`),
      // Printed before the first trial: a long eval shows where its results go while it runs.
      onStart: (info) => console.log(`evalgate: run ${info.runId}: ${info.manifest.case_ids.length} cases × ${info.manifest.repeats} repeats, results in ${info.runDir}`),
    });
    announce(run);
    const verdicts = evalVerdicts({ summary: run.summary, trials: run.trials, thresholds: run.thresholds, maxErrorRate: run.maxErrorRate });
    for (const verdict of verdicts.cases) test(verdict.name, (context) => caseTest(verdict, run, context));
    for (const verdict of verdicts.aggregates) test(verdict.name, (context) => aggregateTest(verdict, run, context));
  });
}

function announce(run: EvalRun): void {
  const { overall } = run.summary;
  console.log(`evalgate: run ${run.runId} done: overall ${formatPercent(overall.pass_rate.rate)} (${overall.passed} passed, ${overall.failed} failed, ${overall.errors} unscored); report: ${run.runDir}/report.html`);
  if (run.tracking?.ok) console.log(`evalgate: logged to MLflow: ${run.tracking.url}`);
  else if (run.tracking) console.warn(`evalgate: logging to MLflow failed: ${run.tracking.error}`);
}

async function caseTest(verdict: CaseVerdict, run: EvalRun, context: TestContext): Promise<void> {
  Object.assign(context.task.meta, { evalgate: { ...verdict.meta, run_dir: run.runDir } });
  if (!verdict.passed) throw evalFailure(verdict.details ?? verdict.name);
  // A passing case may still have failing repeats: shown, not failed (the thresholds decide).
  if (verdict.details) await context.annotate(verdict.details, "evalgate");
}

function aggregateTest(verdict: AggregateVerdict, run: EvalRun, context: TestContext): void {
  Object.assign(context.task.meta, { evalgate: { ...verdict.meta, run_dir: run.runDir } });
  if (!verdict.passed) throw evalFailure(`${verdict.message ?? verdict.name}\nRun ${run.runId}: ${run.runDir}/report.html`);
}

/** The message is the whole story: no stack into evalgate's internals. */
function evalFailure(message: string): Error {
  const error = new Error(message);
  error.name = "EvalFailure";
  error.stack = `${error.name}: ${message}`;
  return error;
}
