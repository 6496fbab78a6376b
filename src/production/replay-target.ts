import { TargetError } from "../errors.js";
import { runGuarded, type Guard, type GuardDecision, type Guardrails } from "../guardrails/index.js";
import type { Trace } from "../log/index.js";
import type { Target, TargetResult } from "../targets/index.js";
import type { ProductionRecord } from "./record.js";

export interface ReplayTargetOptions {
  /** "mlflow:<experiment>", "jsonl:<file>": recorded as each trial's `trace.source.origin`. */
  origin: string;
  /** Recorded outputs by case id. */
  records: ReadonlyMap<string, ProductionRecord>;
  /** The suite's guardrails: each stage reads the recorded text and only records its decisions. */
  guardrails?: Pick<Guardrails, "input" | "output" | "fallback">;
}

/**
 * A target that answers each case with the output production recorded for
 * it, so a suite's checks and judges score real traffic without calling the
 * pipeline again. Guardrails run after the fact: every guard of both stages
 * reads the recorded input or output and records its decision (with its
 * configured action), but nothing is blocked or redacted, since the answer
 * was already given.
 */
export function createReplayTarget({ origin, records, guardrails }: ReplayTargetOptions): Target {
  const observing = guardrails ? observeOnly(guardrails) : undefined;
  return {
    info: { type: "replay", description: `recorded outputs from ${origin} (not called again)`, source: origin, records: records.size },
    async invoke(_input, ctx) {
      const record = records.get(ctx.caseId);
      if (!record) throw new TargetError(`No recorded output for case ${ctx.caseId} in ${origin}.`);
      const trace: Trace = {
        ...record.trace,
        ...(record.context ? { context: record.context } : {}),
        source: { origin, trace_id: record.traceId },
      };
      const answer: TargetResult = { output: record.output, trace };
      if (!observing) return answer;
      const call = await runGuarded(observing.guardrails, record.input, ctx.signal, () => answer);
      if (call.status === "error") throw call.error;
      return { ...answer, guardrails: call.decisions.map(observing.restore) };
    },
  };
}

/** The guards as annotators (action warn: run all, change nothing), and a map back to each decision's configured action. */
function observeOnly(guardrails: Pick<Guardrails, "input" | "output" | "fallback">): {
  guardrails: Pick<Guardrails, "input" | "output" | "fallback">;
  restore: (decision: GuardDecision) => GuardDecision;
} {
  const actions = new Map([
    ...guardrails.input.map((guard) => [`input:${guard.id}`, guard.action] as const),
    ...guardrails.output.map((guard) => [`output:${guard.id}`, guard.action] as const),
  ]);
  const observe = (guard: Guard): Guard => ({ ...guard, action: "warn", parallel: false, detect: guard.detect.bind(guard) });
  return {
    guardrails: { fallback: guardrails.fallback, input: guardrails.input.map(observe), output: guardrails.output.map(observe) },
    restore: (decision) => ({ ...decision, action: actions.get(`${decision.stage}:${decision.id}`) ?? decision.action }),
  };
}
