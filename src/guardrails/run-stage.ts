import { redactSpans } from "./detectors/index.js";
import { runGuard, type GuardRunInput } from "./internal/run-guard.js";
import type { Guard, GuardDecision, GuardStage, StageResult } from "./types.js";

export { GuardTimeoutError } from "./internal/run-guard.js";

export interface StageOptions {
  /** At the output stage: the user input the answer replies to. */
  input?: string;
  /** Retrieved documents' texts. */
  context?: readonly string[];
  /** Inside an eval run: the case and trial, which model guards pass on to their model (see GuardInput). */
  caseId?: string;
  trial?: number;
  /** Aborting rejects the stage with the signal's reason: a cancelled run records nothing. */
  signal?: AbortSignal;
}

/** The text a stage passes on, as soon as it is known. */
export type StageGate = Omit<StageResult, "decisions">;

/** A stage under way: `gate` settles before the annotating guards do, `done` once every guard decided. */
export interface StageRun {
  /**
   * Every redact guard and every gating block guard has decided: the text to
   * pass on (redacted), or the fallback when a block guard fired. Annotating
   * (warn) guards and `parallel` block guards may still be running.
   */
  gate: Promise<StageGate>;
  /**
   * Every guard has decided. `blockedBy` may be set here and not in `gate`:
   * a `parallel` block guard fired after the text was passed on.
   */
  done: Promise<StageResult>;
}

/** The abort reason of guards still running when a block guard fired: they leave no decision. */
const STAGE_BLOCKED = Symbol("stage blocked");

const NOTHING_TO_MASK = "triggered without spans to mask, so the text is blocked instead";

/** Warn guards annotate and `parallel` block guards race the pipeline: neither holds up the guards after it. */
function runsAlongside(guard: Guard, stage: GuardStage): boolean {
  return guard.action === "warn" || (guard.action === "block" && guard.parallel === true && stage === "input");
}

/**
 * Runs one stage's guards in order. Block guards gate: the first that fires
 * ends the stage with the fallback, later guards do not run, and guards still
 * running are cancelled and leave no decision. Redact guards mask their spans
 * (`[EMAIL]`) before any later guard reads the text. Warn guards only
 * annotate, and run concurrently with the guards after them, on the text as
 * it was when their turn came. A guard that throws or outlasts its
 * timeout_ms is decided by its on_error: closed counts as triggered (a
 * redact guard then blocks, since it has nothing to mask), open as not.
 */
export function startStage(guards: readonly Guard[], stage: GuardStage, text: string, fallback: string, options: StageOptions = {}): StageRun {
  const parent = options.signal;
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener("abort", onParentAbort, { once: true });

  const decisions: (GuardDecision | undefined)[] = [];
  const alongside: Promise<void>[] = [];
  let blockedBy: string | undefined;
  let current = text;
  const block = (id: string) => {
    if (blockedBy !== undefined) return;
    blockedBy = id;
    controller.abort(STAGE_BLOCKED);
  };
  const inputFor = (): GuardRunInput => ({
    text: current,
    stage,
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.context === undefined ? {} : { context: options.context }),
    ...(options.caseId === undefined ? {} : { caseId: options.caseId }),
    ...(options.trial === undefined ? {} : { trial: options.trial }),
  });
  const gateOf = (): StageGate => (blockedBy === undefined ? { text: current } : { text: fallback, blockedBy });

  const gate = (async (): Promise<StageGate> => {
    for (const [index, guard] of guards.entries()) {
      if (blockedBy !== undefined) break;
      if (parent?.aborted) throw parent.reason;
      if (runsAlongside(guard, stage)) {
        alongside.push(
          decide(guard, inputFor(), controller.signal).then((decision) => {
            decisions[index] = decision;
            if (decision?.triggered && guard.action === "block") block(guard.id);
          }),
        );
        continue;
      }
      const decision = await decide(guard, inputFor(), controller.signal);
      decisions[index] = decision;
      if (!decision?.triggered) continue;
      if (guard.action === "redact" && decision.spans && decision.spans.length > 0) {
        current = redactSpans(current, decision.spans);
        continue;
      }
      if (guard.action === "redact" && decision.error === undefined) decisions[index] = { ...decision, reason: decision.reason ? `${decision.reason}; ${NOTHING_TO_MASK}` : NOTHING_TO_MASK };
      block(guard.id);
    }
    return gateOf();
  })();

  const done = gate
    .then(async () => {
      const settled = await Promise.allSettled(alongside);
      if (parent?.aborted) throw parent.reason;
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
      if (failed) throw failed.reason;
      return { ...gateOf(), decisions: decisions.filter((d): d is GuardDecision => d !== undefined) };
    })
    .finally(() => parent?.removeEventListener("abort", onParentAbort));
  // Callers may await only one of the two; the other must not surface as an unhandled rejection.
  gate.catch(() => {});
  done.catch(() => {});
  return { gate, done };
}

/** Runs every guard of a stage (see startStage) and returns once all have decided. */
export function runStage(guards: readonly Guard[], stage: GuardStage, text: string, fallback: string, options: StageOptions = {}): Promise<StageResult> {
  return startStage(guards, stage, text, fallback, options).done;
}

/** One guard's decision; undefined when the stage was blocked while it ran (it leaves none). */
async function decide(guard: Guard, input: GuardRunInput, signal: AbortSignal): Promise<GuardDecision | undefined> {
  try {
    return await runGuard(guard, input, signal);
  } catch (error) {
    if (signal.reason === STAGE_BLOCKED) return undefined;
    throw error;
  }
}
