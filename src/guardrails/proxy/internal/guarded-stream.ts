import type { GuardDecision, Guardrails, StageResult } from "../../types.js";
import { FILTERED } from "./fallback.js";
import { createSseSplitter, eventData, sseEvent } from "./sse.js";

export interface GuardedStreamOptions {
  guardrails: Guardrails;
  /** Run the output stage after this many content chunks. */
  checkEvery: number;
  /** Characters kept back after each intermediate check (all is released at the end). */
  holdBackChars: number;
  stage: { input?: string; context?: readonly string[]; signal?: AbortSignal };
  /** Sends the response head; `blockedBy` when the stream is blocked before anything was sent. */
  start(blockedBy?: string): void;
  /** Sends one SSE event to the client. */
  write(event: string): void;
  /** The fallback as a whole stream (role, text, finish, [DONE]), for a block before anything was sent. */
  fallbackEvents(): string[];
}

export interface GuardedStreamOutcome {
  /** The guard that cut the stream (a block, or a redaction reaching text already sent). */
  cutBy?: string;
  /** Output-stage runs. */
  checks: number;
  /** The last check's decisions, one per output guard and choice. */
  decisions: GuardDecision[];
}

interface ChoiceText {
  raw: string;
  /** What the client has received for this choice. */
  sent: string;
  /** The last check's result and the raw text it ran on. */
  checked?: { raw: string; result: StageResult };
}

interface Held {
  event: string;
  /** It arrived after text not yet released (a finish, a tool call), so it goes out after that text. */
  afterText: boolean;
}

type Chunk = Record<string, unknown> & { choices: Array<Record<string, unknown>> };

function asChunk(data: string): Chunk | undefined {
  try {
    const value = JSON.parse(data) as unknown;
    return value !== null && typeof value === "object" && Array.isArray((value as Chunk).choices) ? (value as Chunk) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Forwards an upstream chat-completion stream while the output guards read
 * it. Content is taken out of the upstream chunks and accumulated per choice;
 * every `checkEvery` content chunks the output stage runs on the whole text
 * so far, and only then is text released, as one chunk per check, keeping the
 * last `holdBackChars` back so an entity that straddles a check is seen whole
 * before any of it leaves. A blocking guard cuts the stream: a last chunk
 * carries the fallback with finish_reason "content_filter", then [DONE]. A
 * redaction masks the text before release; one reaching back into text
 * already sent cannot be honoured, so it cuts the stream too (fail closed).
 */
export async function guardStream(body: AsyncIterable<Uint8Array>, options: GuardedStreamOptions): Promise<GuardedStreamOutcome> {
  const choices = new Map<number, ChoiceText>();
  let held: Held[] = [];
  let template: Record<string, unknown> | undefined;
  let sinceCheck = 0;
  let started = false;
  let sawDone = false;
  const outcome: GuardedStreamOutcome = { checks: 0, decisions: [] };

  const send = (event: string) => {
    if (!started) {
      options.start();
      started = true;
    }
    options.write(event);
  };
  const unreleased = () => [...choices.values()].some((c) => c.raw.length > 0 && (c.checked?.raw !== c.raw || c.checked.result.text.length > c.sent.length));

  const cut = (guardId: string) => {
    outcome.cutBy = guardId;
    if (!started) {
      options.start(guardId);
      started = true;
      for (const event of options.fallbackEvents()) options.write(event);
      return;
    }
    const indexes = choices.size > 0 ? [...choices.keys()] : [0];
    const { choices: _c, usage: _u, ...head } = template ?? {};
    const notice = (sent: string) => `${sent === "" ? "" : "\n\n"}${options.guardrails.fallback}`;
    options.write(
      sseEvent({
        ...head,
        choices: indexes.map((index) => ({ index, delta: { content: notice(choices.get(index)?.sent ?? "") }, finish_reason: FILTERED, logprobs: null })),
        evalgate_guardrail: guardId,
      }),
    );
    options.write(sseEvent("[DONE]"));
  };

  /** Runs the output stage on what changed and releases what passed; false when the stream was cut. */
  const check = async (final: boolean): Promise<boolean> => {
    sinceCheck = 0;
    const pending = [...choices.entries()].filter(([, c]) => c.raw !== "" && c.checked?.raw !== c.raw);
    if (pending.length > 0) {
      outcome.checks += 1;
      const results = await Promise.all(pending.map(([, c]) => options.guardrails.runStage("output", c.raw, options.stage)));
      outcome.decisions = results.flatMap((r) => r.decisions);
      const blocked = results.find((r) => r.blockedBy !== undefined);
      if (blocked) {
        cut(blocked.blockedBy!);
        return false;
      }
      pending.forEach(([, c], i) => (c.checked = { raw: c.raw, result: results[i]! }));
    }
    const releases: Array<{ index: number; text: string }> = [];
    for (const [index, c] of choices) {
      if (!c.checked) continue;
      const text = c.checked.result.text;
      if (!text.startsWith(c.sent)) {
        const redactor = c.checked.result.decisions.find((d) => d.triggered && d.action === "redact");
        cut(redactor?.id ?? "output");
        return false;
      }
      const end = final ? text.length : Math.max(c.sent.length, text.length - options.holdBackChars);
      if (end > c.sent.length) releases.push({ index, text: text.slice(c.sent.length, end) });
    }
    const before = held.filter((h) => !h.afterText);
    const after = held.filter((h) => h.afterText);
    held = [];
    for (const h of before) send(h.event);
    if (releases.length > 0) {
      const { choices: _c, usage: _u, ...head } = template ?? {};
      send(sseEvent({ ...head, choices: releases.map(({ index, text }) => ({ index, delta: { content: text }, finish_reason: null })) }));
      for (const { index, text } of releases) choices.get(index)!.sent += text;
    }
    for (const h of after) send(h.event);
    return true;
  };

  /** Takes one upstream event in; false when the stream was cut. */
  const take = async (event: string): Promise<boolean> => {
    const data = eventData(event);
    if (data?.trim() === "[DONE]") {
      sawDone = true;
      return true;
    }
    const chunk = data === undefined ? undefined : asChunk(data);
    if (!chunk) {
      // Comments, keep-alives, error events: passed on in order.
      held.push({ event: `${event}\n\n`, afterText: unreleased() });
      return true;
    }
    template = chunk;
    let content = false;
    let rest = chunk.choices.length === 0 || (chunk.usage !== undefined && chunk.usage !== null);
    const stripped = chunk.choices.map((choice) => {
      const { content: text, ...delta } = (choice.delta ?? {}) as Record<string, unknown>;
      if (typeof text === "string" && text !== "") {
        const index = typeof choice.index === "number" ? choice.index : 0;
        const state = choices.get(index) ?? { raw: "", sent: "" };
        state.raw += text;
        choices.set(index, state);
        content = true;
      }
      if (Object.keys(delta).length > 0 || (choice.finish_reason !== null && choice.finish_reason !== undefined)) rest = true;
      return { ...choice, delta };
    });
    if (rest) held.push({ event: sseEvent({ ...chunk, choices: stripped }), afterText: content || unreleased() });
    if (content && ++sinceCheck >= options.checkEvery) return check(false);
    return true;
  };

  const splitter = createSseSplitter();
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    for (const event of splitter.push(decoder.decode(bytes, { stream: true }))) {
      if (!(await take(event))) return outcome;
    }
  }
  for (const event of splitter.push(decoder.decode())) if (!(await take(event))) return outcome;
  for (const event of splitter.end()) if (!(await take(event))) return outcome;
  if (!(await check(true))) return outcome;
  if (sawDone) send(sseEvent("[DONE]"));
  else if (!started) options.start();
  return outcome;
}
