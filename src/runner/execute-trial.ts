import type { Check, CheckInput } from "../checks/index.js";
import type { Case } from "../datasets/index.js";
import { errorMessage, EvalgateError, evalgateErrorCode } from "../errors.js";
import { runGuarded, type Guardrails } from "../guardrails/index.js";
import {
  RESULTS_SCHEMA_VERSION,
  type CheckResult,
  type GuardDecision,
  type JudgeVerdict,
  type TrialError,
  type TrialRecord,
} from "../log/index.js";
import { redactTokenShapes, type Redactor } from "../secrets/index.js";
import type { Target, TargetResult } from "../targets/index.js";
import { withDeadline } from "../with-deadline.js";
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
  /** The run's redactor: the record is returned with every known secret replaced. */
  redactor?: Pick<Redactor, "value">;
  /** Handed to the target for problems that do not fail the trial. */
  warn?: (message: string) => void;
  /** The suite's guardrails: their stages run around the target call, and checks and judges score the guarded output. */
  guardrails?: Pick<Guardrails, "input" | "output" | "fallback">;
}

/** Runs one trial end to end. Returns undefined only when the run was cancelled mid-trial. */
export async function executeTrial(testCase: Case, trial: number, deps: TrialDeps): Promise<TrialRecord | undefined> {
  const record = await scoreTrial(testCase, trial, deps);
  return record && deps.redactor ? deps.redactor.value(record) : record;
}

async function scoreTrial(testCase: Case, trial: number, deps: TrialDeps): Promise<TrialRecord | undefined> {
  const startedAt = new Date();
  const start = performance.now();
  let result: TargetResult | undefined;
  let error: TrialError | undefined;
  let guardrails: GuardDecision[] | undefined;
  // timeout_ms bounds the target call alone: guards have their own time limits, and their decisions are kept when the target times out.
  const invoke = (input: unknown, signal: AbortSignal) => {
    const deadline = { at: Date.now() + deps.timeoutMs, timeoutMs: deps.timeoutMs, label: "the trial's timeout" };
    return withTimeout(deps.timeoutMs, signal, (own) =>
      Promise.resolve(deps.target.invoke(input, { runId: deps.runId, caseId: testCase.id, trial, expected: testCase.expected, signal: own, deadline, ...(deps.warn ? { warn: deps.warn } : {}) })),
    );
  };
  try {
    if (deps.guardrails) {
      const call = await runGuarded(deps.guardrails, testCase.input, deps.signal, invoke, { caseId: testCase.id, trial });
      guardrails = call.decisions;
      if (call.status === "error") throw call.error;
      // The target's own guards (a pipeline wrapped in guard()) sit between the suite's two stages.
      const own = call.result?.guardrails ?? [];
      if (own.length > 0) guardrails = [...call.decisions.filter((d) => d.stage === "input"), ...own, ...call.decisions.filter((d) => d.stage === "output")];
      // A blocked input never reached the target: the trial's output is the fallback, still scored.
      result = { output: call.output, ...(call.result?.trace === undefined ? {} : { trace: call.result.trace }) };
    } else {
      const { guardrails: own, ...answered } = await invoke(testCase.input, deps.signal);
      result = answered;
      guardrails = own;
    }
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
  const guarded = guardrails === undefined ? {} : { guardrails };
  if (!result) {
    return { ...base, ended_at: new Date().toISOString(), status: "error", error, checks: [], judges: [], ...guarded } as TrialRecord;
  }

  const checkInput: CheckInput = {
    output: result.output,
    input: testCase.input,
    expected: testCase.expected,
    trace: result.trace,
    latencyMs,
    tags: testCase.tags ?? [],
    ...guarded,
  };
  const checks = await Promise.all(deps.checks.map((check) => runCheck(check, checkInput)));
  // Cancelled mid-check: drop the trial (resume re-runs it) rather than record checks cut short.
  if (deps.signal.aborted) return undefined;
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
    ...guarded,
  };
}

/**
 * Runs one check under its `timeout_ms`. Custom checks are user code: one
 * that never settles is abandoned at the deadline and recorded as `error`.
 * (Built-in checks are linear in the output; user regexes run on RE2.)
 */
async function runCheck(check: Check, input: CheckInput): Promise<CheckResult> {
  const gating = check.gating ? { gating: true } : {};
  const timedOut = () =>
    new EvalgateError("CHECK_TIMEOUT", `check did not finish within ${check.timeoutMs} ms (its timeout_ms); make it faster or raise timeout_ms on the check`);
  try {
    const ran = check.run(input);
    // A check that answered synchronously is done: nothing can be left to time out, so it skips the
    // deadline's controller, timer and promises (four checks a trial; every built-in one is synchronous).
    // Not tied to the run's signal: checks are short, a cancelled trial is dropped after them, and one
    // abort listener per check on the shared run signal would trip Node's listener-leak warning.
    const verdict = isPromiseLike(ran) ? await withDeadline(check.timeoutMs, undefined, timedOut, () => Promise.resolve(ran)) : ran;
    return { id: check.id, type: check.type, outcome: verdict.outcome, reason: verdict.reason, ...gating };
  } catch (thrown) {
    if (thrown instanceof EvalgateError && thrown.code === "CHECK_TIMEOUT") {
      return { id: check.id, type: check.type, outcome: "error", reason: thrown.message, ...gating };
    }
    // A check that crashes could not score the trial: "error", never pass or fail.
    return { id: check.id, type: check.type, outcome: "error", reason: `check threw: ${errorMessage(thrown)}`, ...gating };
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function toTrialError(thrown: unknown): TrialError {
  const code = evalgateErrorCode(thrown) ?? "TARGET_FAILED";
  const { status, attempts } = (thrown ?? {}) as { status?: unknown; attempts?: unknown };
  return {
    code,
    // A target (a user's module above all) may throw with a key it read itself, which
    // evalgate never resolved: token shapes are cut here, known values by the redactor.
    message: redactTokenShapes(errorMessage(thrown)),
    ...(typeof status === "number" && Number.isInteger(status) ? { status } : {}),
    ...(typeof attempts === "number" && Number.isInteger(attempts) && attempts > 0 ? { attempts } : {}),
  };
}
