import type { GuardrailsUserConfig } from "./config-schema.js";
import { createGuardrails, type GuardrailsOptions } from "./create-guardrails.js";
import { runGuarded, type GuardedTrial } from "./guarded-call.js";
import { loadGuardrails } from "./load-guardrails.js";
import type { GuardDecision, Guardrails } from "./types.js";

/** Guardrails for `guard()`: a guardrails file's path, a config object of the same shape, or guardrails already built. */
export type GuardrailsSource = string | GuardrailsUserConfig | Guardrails;

/**
 * What a guarded pipeline returns: its own result with the guarded output
 * and every guard decision. When an input guard blocked, the pipeline
 * returned nothing: the result is only `{ output: fallback, guardrails }`.
 */
export type Guarded<R extends { output: unknown }> = Partial<Omit<R, "output">> & {
  output: R["output"] | string;
  guardrails: GuardDecision[];
};

/**
 * Wraps a pipeline `(input, ctx) => { output, trace? }` (an evalgate module
 * target's signature) in guardrails, keeping its signature: the result gains
 * `guardrails`, the decisions of both stages. Input guards that block run
 * before the call and a block answers with the fallback without calling the
 * pipeline; redactions reach the pipeline; warn guards and `parallel` block
 * guards run alongside the call, which is cancelled through `ctx.signal` if
 * one of them blocks. Output guards read the answer (and `trace.context`).
 * A pipeline that throws still throws. The config is loaded on the first call.
 * `ctx` may be partial (a server has no case id): what is given is passed on,
 * with the signal the wrapper controls.
 */
export function guard<I, C, R extends { output: unknown }>(
  pipeline: (input: I, ctx: C) => R | Promise<R>,
  config: GuardrailsSource,
  options: GuardrailsOptions = {},
): (input: I, ctx?: Partial<C>) => Promise<Guarded<R>> {
  let loaded: Promise<Guardrails> | undefined;
  const guardrails = () => (loaded ??= load(config, options));
  return async (input, ctx) => {
    const signal = signalOf(ctx);
    const call = await runGuarded(
      await guardrails(),
      input,
      signal,
      (guardedInput, callSignal) => pipeline(guardedInput as I, { ...(ctx as object | undefined), signal: callSignal } as C),
      trialOf(ctx),
    );
    if (call.status === "error") throw call.error;
    return { ...(call.result ?? {}), output: call.output as R["output"], guardrails: call.decisions } as Guarded<R>;
  };
}

function load(source: GuardrailsSource, options: GuardrailsOptions): Promise<Guardrails> {
  if (typeof source === "string") return loadGuardrails(source, options);
  if (isGuardrails(source)) return Promise.resolve(source);
  return createGuardrails(source, options);
}

function isGuardrails(value: GuardrailsUserConfig | Guardrails): value is Guardrails {
  return typeof (value as Partial<Guardrails>).runStage === "function";
}

/** A module target's ctx in an eval run names its case and trial; model guards pass them on. */
function trialOf(ctx: unknown): GuardedTrial | undefined {
  const { caseId, trial } = (ctx ?? {}) as { caseId?: unknown; trial?: unknown };
  return typeof caseId === "string" && typeof trial === "number" ? { caseId, trial } : undefined;
}

function signalOf(ctx: unknown): AbortSignal | undefined {
  const signal = (ctx as { signal?: unknown } | null | undefined)?.signal;
  return signal instanceof AbortSignal ? signal : undefined;
}
