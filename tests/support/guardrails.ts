import { runStage, type Guard, type GuardAction, type GuardFinding, type GuardInput, type GuardOnError, type Guardrails, type GuardSpan } from "../../src/guardrails/index.js";

/**
 * Hand-built guardrails for tests that need guards no guardrails file can
 * express (one that hangs, one that throws) or whose findings must be exact:
 * guards from regular expressions or functions, run by the engine's stage.
 */

export interface TestGuardOptions {
  action?: GuardAction;
  type?: string;
  onError?: GuardOnError;
  timeoutMs?: number;
}

export function regexGuard(id: string, pattern: RegExp, label: string, options: TestGuardOptions = {}): Guard {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return functionGuard(
    id,
    ({ text }) => {
      const spans: GuardSpan[] = [...text.matchAll(global)].map((m) => ({ start: m.index, end: m.index + m[0].length, label }));
      return { triggered: spans.length > 0, ...(spans.length > 0 ? { spans } : {}) };
    },
    options,
  );
}

export function functionGuard(id: string, detect: (input: GuardInput) => GuardFinding | Promise<GuardFinding>, options: TestGuardOptions = {}): Guard {
  return { id, type: options.type ?? "regex", action: options.action ?? "block", onError: options.onError ?? "closed", timeoutMs: options.timeoutMs ?? 1000, detect };
}

export function testGuardrails(config: { name?: string; fallback?: string; input?: Guard[]; output?: Guard[] }): Guardrails {
  const guardrails: Guardrails = {
    name: config.name ?? "test",
    fallback: config.fallback ?? "Sorry, I can't help with that.",
    input: config.input ?? [],
    output: config.output ?? [],
    runStage: (stage, text, options) => runStage(stage === "input" ? guardrails.input : guardrails.output, stage, text, guardrails.fallback, options),
  };
  return guardrails;
}
