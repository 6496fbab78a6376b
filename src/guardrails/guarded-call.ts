import { guardedText } from "./internal/guarded-text.js";
import { runStage, startStage, type StageRun } from "./run-stage.js";
import type { GuardDecision, Guardrails, GuardStage } from "./types.js";

/** The abort reason a pipeline call sees when a `parallel` input guard blocks while it runs. */
export class GuardBlockedError extends Error {
  readonly guard: string;
  constructor(guard: string) {
    super(`cancelled: the input guard "${guard}" blocked the request`);
    this.name = "GuardBlockedError";
    this.guard = guard;
  }
}

/** Inside an eval run: the case and trial a guarded call is for (model guards pass them to their model). */
export interface GuardedTrial {
  caseId: string;
  trial: number;
}

/** One guarded pipeline call: what the caller answers, and every guard decision (input stage first). */
export type GuardedCall<R> =
  | {
      status: "ok";
      /** The guarded output: the pipeline's, redacted; or the fallback when a guard blocked. */
      output: unknown;
      /** The pipeline's own result (its trace), when it answered and its answer was not discarded by an input block. */
      result?: R;
      decisions: GuardDecision[];
      blocked?: { stage: GuardStage; id: string };
      /** False when an input guard blocked before the call. */
      called: boolean;
    }
  | { status: "error"; error: unknown; decisions: GuardDecision[] };

/**
 * Runs a pipeline call between the two stages. The input stage's gating
 * guards (redact, block) decide before the call: a block answers with the
 * fallback and the pipeline is never called; redactions reach the pipeline.
 * Annotating guards and `parallel` block guards run alongside the call; if
 * one of those blocks, the call's signal is aborted and the fallback
 * answers. The output stage then reads the answer, with the (redacted)
 * input and the documents of `trace.context`. Aborting `signal` rejects.
 */
export async function runGuarded<R extends { output: unknown }>(
  guardrails: Pick<Guardrails, "input" | "output" | "fallback">,
  input: unknown,
  signal: AbortSignal | undefined,
  call: (input: unknown, signal: AbortSignal) => R | Promise<R>,
  trial?: GuardedTrial,
): Promise<GuardedCall<R>> {
  const { fallback } = guardrails;
  const withSignal = { ...(signal ? { signal } : {}), ...(trial ? { caseId: trial.caseId, trial: trial.trial } : {}) };
  const inputText = guardedText(input);
  const inputRun: StageRun = inputText
    ? startStage(guardrails.input, "input", inputText.text, fallback, withSignal)
    : { gate: Promise.resolve({ text: "" }), done: Promise.resolve({ text: "", decisions: [] }) };

  const gate = await inputRun.gate;
  const rebuilt = gate.blockedBy === undefined && inputText ? (gate.text === inputText.text ? { value: input } : inputText.replace(gate.text)) : { value: input };
  if (gate.blockedBy !== undefined || rebuilt === undefined) {
    const { decisions } = await inputRun.done;
    const id = gate.blockedBy ?? firstRedaction(decisions);
    return { status: "ok", output: fallback, decisions, blocked: { stage: "input", id }, called: false };
  }

  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", forward, { once: true });
  try {
    const answered = Promise.resolve()
      .then(() => call(rebuilt.value, controller.signal))
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    const inputDone = inputRun.done.then((result) => {
      if (result.blockedBy !== undefined) controller.abort(new GuardBlockedError(result.blockedBy));
      return result;
    });
    // The call's outcome, unless a guard running alongside it blocks first.
    const outcome = await Promise.race([answered, inputDone.then((result) => (result.blockedBy !== undefined ? undefined : answered))]);
    const inputResult = await inputDone;
    if (inputResult.blockedBy !== undefined || outcome === undefined) {
      return { status: "ok", output: fallback, decisions: inputResult.decisions, blocked: { stage: "input", id: inputResult.blockedBy ?? "" }, called: true };
    }
    if (!outcome.ok) return { status: "error", error: outcome.error, decisions: inputResult.decisions };

    const result = outcome.value;
    const outputText = guardedText(result.output);
    if (!outputText) return { status: "ok", output: result.output, result, decisions: inputResult.decisions, called: true };
    const context = contextTexts(result);
    const stage = await runStage(guardrails.output, "output", outputText.text, fallback, {
      input: gate.text,
      ...(context ? { context } : {}),
      ...withSignal,
    });
    const decisions = [...inputResult.decisions, ...stage.decisions];
    const redacted = stage.blockedBy === undefined ? (stage.text === outputText.text ? { value: result.output } : outputText.replace(stage.text)) : undefined;
    if (redacted === undefined) {
      return { status: "ok", output: fallback, result, decisions, blocked: { stage: "output", id: stage.blockedBy ?? firstRedaction(stage.decisions) }, called: true };
    }
    return { status: "ok", output: redacted.value, result, decisions, called: true };
  } finally {
    signal?.removeEventListener("abort", forward);
  }
}

/** The texts of the documents a pipeline reported in `trace.context` (what groundedness compares with). */
function contextTexts(result: unknown): string[] | undefined {
  const context = (result as { trace?: { context?: unknown } }).trace?.context;
  if (!Array.isArray(context)) return undefined;
  const texts = context.map((doc) => (typeof doc === "string" ? doc : (doc as { text?: unknown } | null)?.text)).filter((t): t is string => typeof t === "string");
  return texts.length > 0 ? texts : undefined;
}

/** A redaction that could not be put back into a structured value blocks: the guard that redacted is named. */
function firstRedaction(decisions: readonly GuardDecision[]): string {
  return decisions.find((d) => d.action === "redact" && d.triggered)?.id ?? "";
}
