import type { Guard, GuardAction, GuardDecision, GuardFinding, GuardInput, GuardOnError, Guardrails, GuardSpan, GuardStage, StageResult } from "../../src/guardrails/types.js";

/**
 * Small hand-built guardrails for tests of code that only needs the
 * `Guardrails` interface (evaluation, the proxy): guards from regular
 * expressions or functions, and a stage runner with the engine's contract
 * (ordered guards, first block wins with the fallback, redact masks spans as
 * [LABEL], on_error decides a thrown or timed-out guard).
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

function redact(text: string, spans: readonly GuardSpan[]): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) out = `${out.slice(0, span.start)}[${span.label}]${out.slice(span.end)}`;
  return out;
}

async function decide(guard: Guard, stage: GuardStage, text: string, extra: { input?: string; context?: readonly string[] }): Promise<GuardDecision> {
  const started = performance.now();
  const base = { id: guard.id, type: guard.type, stage, action: guard.action };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`timed out after ${guard.timeoutMs} ms`));
      }, guard.timeoutMs);
    });
    const finding = await Promise.race([Promise.resolve().then(() => guard.detect({ text, stage, signal: controller.signal, ...extra })), timeout]);
    return { ...base, triggered: finding.triggered, ...(finding.spans ? { spans: finding.spans } : {}), ...(finding.score === undefined ? {} : { score: finding.score }), latency_ms: performance.now() - started };
  } catch (error) {
    return { ...base, triggered: guard.onError === "closed", latency_ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function testGuardrails(config: { name?: string; fallback?: string; input?: Guard[]; output?: Guard[] }): Guardrails {
  const guardrails: Guardrails = {
    name: config.name ?? "test",
    fallback: config.fallback ?? "Sorry, I can't help with that.",
    input: config.input ?? [],
    output: config.output ?? [],
    async runStage(stage, text, options = {}): Promise<StageResult> {
      const decisions: GuardDecision[] = [];
      let current = text;
      for (const guard of stage === "input" ? guardrails.input : guardrails.output) {
        const decision = await decide(guard, stage, current, { ...(options.input === undefined ? {} : { input: options.input }), ...(options.context ? { context: options.context } : {}) });
        decisions.push(decision);
        if (!decision.triggered) continue;
        if (guard.action === "block") return { text: guardrails.fallback, blockedBy: guard.id, decisions };
        if (guard.action === "redact" && decision.spans) current = redact(current, decision.spans);
      }
      return { text: current, decisions };
    },
  };
  return guardrails;
}
