import type { GuardDecision, GuardSpan } from "../log/index.js";

export type { GuardDecision, GuardSpan };
export type GuardStage = GuardDecision["stage"];
export type GuardAction = GuardDecision["action"];
/** What a guard that threw or timed out counts as: "closed" triggers it (fail safe), "open" lets the text through. */
export type GuardOnError = "open" | "closed";

/** What one guard found in one text. Detectors are pure: same text, same finding. */
export interface GuardFinding {
  triggered: boolean;
  spans?: GuardSpan[];
  /** Scored guards: the score compared with the threshold (0–1). */
  score?: number;
  /** Why it triggered (or a model guard's critique). */
  reason?: string;
}

/** The text a guard reads, and what it may need besides. */
export interface GuardInput {
  text: string;
  stage: GuardStage;
  /** At the output stage: the user input the answer replies to (scope, groundedness). */
  input?: string;
  /** Retrieved documents' texts (groundedness reads them). */
  context?: readonly string[];
  /**
   * Inside an eval run: the case and trial being guarded. Model guards pass
   * them on as judges do, so a `scripted:` model can answer for them; the
   * proxy and guard() outside a run have none.
   */
  caseId?: string;
  trial?: number;
  signal: AbortSignal;
}

/** One configured guard, as the engine runs it. */
export interface Guard {
  id: string;
  type: string;
  action: GuardAction;
  onError: GuardOnError;
  timeoutMs: number;
  /**
   * Input block guards: run alongside the pipeline call rather than before it
   * (`guard()` and eval runs cancel the call when it fires). `runStage` alone
   * runs every guard either way.
   */
  parallel?: boolean;
  detect(input: GuardInput): GuardFinding | Promise<GuardFinding>;
}

/** One stage's outcome: the text to pass on, and every guard's decision. */
export interface StageResult {
  /** The text after redaction; the fallback when a blocking guard fired. */
  text: string;
  /** The first blocking guard that fired, if any. */
  blockedBy?: string;
  decisions: GuardDecision[];
}

/** A loaded guardrails file: two ordered stages and the answer a block gives. */
export interface Guardrails {
  name: string;
  fallback: string;
  input: readonly Guard[];
  output: readonly Guard[];
  runStage(stage: GuardStage, text: string, options?: { input?: string; context?: readonly string[]; caseId?: string; trial?: number; signal?: AbortSignal }): Promise<StageResult>;
}
