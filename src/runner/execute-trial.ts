import type { Check, CheckInput } from "../checks/index.js";
import type { Case } from "../datasets/index.js";
import { errorMessage, evalgateErrorCode } from "../errors.js";
import {
  RESULTS_SCHEMA_VERSION,
  type CheckResult,
  type JudgeVerdict,
  type TrialError,
  type TrialRecord,
} from "../log/index.js";
import type { Target, TargetResult } from "../targets/index.js";
import { withTimeout } from "./with-timeout.js";

/** What judges see of a trial once its target answered and its checks ran. */
export interface JudgeRequest {
  runId: string;
  testCase: Case;
  trial: number;
  output: unknown;
  trace: TargetResult["trace"];
  signal: AbortSignal;
}

/** Scores one trial with every judge that applies; never throws (errors become verdicts). */
export type JudgeStep = (request: JudgeRequest) => Promise<JudgeVerdict[]>;

export interface TrialDeps {
  runId: string;
  target: Target;
  checks: readonly Check[];
  judge?: JudgeStep;
  timeoutMs: number;
  /** Aborted on cancellation (SIGINT): the trial is dropped, not recorded, so resume re-runs it. */
  signal: AbortSignal;
  /** Handed to the target for problems that do not fail the trial. */
  warn?: (message: string) => void;
}

/** Runs one trial end to end. Returns undefined only when the run was cancelled mid-trial. */
export async function executeTrial(testCase: Case, trial: number, deps: TrialDeps): Promise<TrialRecord | undefined> {
  const startedAt = new Date();
  const start = performance.now();
  let result: TargetResult | undefined;
  let error: TrialError | undefined;
  try {
    result = await withTimeout(deps.timeoutMs, deps.signal, (signal) =>
      Promise.resolve(deps.target.invoke(testCase.input, { runId: deps.runId, caseId: testCase.id, trial, expected: testCase.expected, signal, ...(deps.warn ? { warn: deps.warn } : {}) })),
    );
  } catch (thrown) {
    if (deps.signal.aborted) return undefined;
    error = toTrialError(thrown);
  }
  const latencyMs = performance.now() - start;
  const base = {
    schema_version: RESULTS_SCHEMA_VERSION,
    run_id: deps.runId,
    case_id: testCase.id,
    trial,
    started_at: startedAt.toISOString(),
    latency_ms: Math.round(latencyMs * 1000) / 1000,
    input: testCase.input,
    ...(testCase.expected === undefined ? {} : { expected: testCase.expected }),
    ...(testCase.tags === undefined ? {} : { tags: testCase.tags }),
  };
  if (!result) {
    return { ...base, ended_at: new Date().toISOString(), status: "error", error, checks: [], judges: [] } as TrialRecord;
  }

  const checkInput: CheckInput = {
    output: result.output,
    input: testCase.input,
    expected: testCase.expected,
    trace: result.trace,
    latencyMs,
    tags: testCase.tags ?? [],
  };
  const checks = await Promise.all(deps.checks.map((check) => runCheck(check, checkInput)));
  const gatingFailed = checks.some((c) => c.gating && c.outcome === "fail");
  const judges =
    deps.judge && !gatingFailed
      ? await deps.judge({ runId: deps.runId, testCase, trial, output: result.output, trace: result.trace, signal: deps.signal })
      : [];
  if (deps.signal.aborted && deps.judge && !gatingFailed) return undefined;

  return {
    ...base,
    ended_at: new Date().toISOString(),
    status: "ok",
    output: result.output,
    ...(result.trace === undefined ? {} : { trace: result.trace }),
    checks,
    judges,
  };
}

async function runCheck(check: Check, input: CheckInput): Promise<CheckResult> {
  const gating = check.gating ? { gating: true } : {};
  try {
    const verdict = await check.run(input);
    return { id: check.id, type: check.type, outcome: verdict.outcome, reason: verdict.reason, ...gating };
  } catch (thrown) {
    // A check that crashes could not score the trial: "error", never pass or fail.
    return { id: check.id, type: check.type, outcome: "error", reason: `check threw: ${errorMessage(thrown)}`, ...gating };
  }
}

function toTrialError(thrown: unknown): TrialError {
  const code = evalgateErrorCode(thrown) ?? "TARGET_FAILED";
  const status = (thrown as { status?: unknown } | null)?.status;
  return {
    code,
    message: errorMessage(thrown),
    ...(typeof status === "number" && Number.isInteger(status) ? { status } : {}),
  };
}
