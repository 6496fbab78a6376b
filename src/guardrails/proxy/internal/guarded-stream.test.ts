import { describe, expect, it } from "vitest";
import type { GuardDecision, Guardrails, StageResult } from "../../types.js";
import { guardStream } from "./guarded-stream.js";
import { sseEvent } from "./sse.js";

/** Output guards as one function: blocks on "SECRET", masks "a@b.c" as [EMAIL]; counts its runs. */
function guardrails(): Guardrails & { runs: string[] } {
  const runs: string[] = [];
  return {
    name: "t",
    fallback: "Blocked.",
    input: [],
    output: [],
    runs,
    async runStage(_stage, text): Promise<StageResult> {
      runs.push(text);
      const decision = (id: string, triggered: boolean, action: GuardDecision["action"]): GuardDecision => ({ id, type: "regex", stage: "output", triggered, action, latency_ms: 0 });
      if (text.includes("SECRET")) return { text: "Blocked.", blockedBy: "no-secrets", decisions: [decision("no-secrets", true, "block")] };
      const masked = text.replaceAll("a@b.c", "[EMAIL]");
      return { text: masked, decisions: [decision("no-secrets", false, "block"), decision("no-pii", masked !== text, "redact")] };
    },
  };
}

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices, ...extra });
const content = (text: string, index = 0) => chunk([{ index, delta: { content: text }, finish_reason: null }]);

async function* bytes(events: readonly unknown[], split = 7): AsyncGenerator<Uint8Array> {
  // Arbitrary byte boundaries, as a network delivers them.
  const text = events.map((event) => sseEvent(event)).join("");
  const encoded = new TextEncoder().encode(text);
  for (let i = 0; i < encoded.length; i += split) yield encoded.subarray(i, i + split);
}

async function run(events: readonly unknown[], options: { checkEvery?: number; holdBackChars?: number } = {}) {
  const g = guardrails();
  const written: string[] = [];
  const heads: Array<string | undefined> = [];
  const outcome = await guardStream(bytes(events), {
    guardrails: g,
    checkEvery: options.checkEvery ?? 2,
    holdBackChars: options.holdBackChars ?? 0,
    stage: {},
    start: (blockedBy) => heads.push(blockedBy),
    write: (event) => written.push(event),
    fallbackEvents: () => [sseEvent({ fallback: true }), sseEvent("[DONE]")],
  });
  const data = written.map((event) => event.replace(/^data: /, "").trim()).map((text) => (text === "[DONE]" ? text : JSON.parse(text)));
  const text = (index = 0) =>
    data
      .filter((d) => typeof d === "object" && Array.isArray(d.choices))
      .flatMap((d) => d.choices.filter((c: { index: number }) => c.index === index).map((c: { delta: { content?: string } }) => c.delta.content ?? ""))
      .join("");
  return { outcome, data, text, heads, runs: g.runs };
}

describe("guardStream", () => {
  it("passes role first, text after each check, then finish, usage and [DONE], in order", async () => {
    const { data, text, outcome, runs, heads } = await run(
      [
        chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
        content("One "),
        content("two "),
        content("three."),
        chunk([{ index: 0, delta: {}, finish_reason: "stop" }]),
        chunk([], { usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 } }),
        "[DONE]",
      ],
      { checkEvery: 2 },
    );
    expect(text()).toBe("One two three.");
    // A check after 2 content chunks, and one at the end on the whole text.
    expect(runs).toEqual(["One two ", "One two three."]);
    expect(outcome).toMatchObject({ checks: 2 });
    expect(outcome.cutBy).toBeUndefined();
    expect(heads).toEqual([undefined]);
    const shapes = data.map((d) => (d === "[DONE]" ? d : d.usage ? "usage" : d.choices[0].finish_reason ? "finish" : d.choices[0].delta.role ? "role" : "text"));
    expect(shapes).toEqual(["role", "text", "text", "finish", "usage", "[DONE]"]);
  });

  it("holds back the tail after an intermediate check and releases it at the end", async () => {
    const { data } = await run([content("abcdef"), content("ghij"), content("kl"), "[DONE]"], { checkEvery: 2, holdBackChars: 4 });
    const texts = data.filter((d) => d !== "[DONE]").map((d) => d.choices[0].delta.content);
    // After "abcdefghij" is checked, all but its last 4 characters leave; the rest at the end.
    expect(texts).toEqual(["abcdef", "ghijkl"]);
  });

  it("answers with the fallback stream and names the guard when it blocks before anything was sent", async () => {
    const { data, heads, outcome } = await run([chunk([{ index: 0, delta: { role: "assistant" }, finish_reason: null }]), content("the SECRET"), content(" is x"), "[DONE]"]);
    expect(heads).toEqual(["no-secrets"]);
    expect(data).toEqual([{ fallback: true }, "[DONE]"]);
    expect(outcome.cutBy).toBe("no-secrets");
  });

  it("cuts a started stream with the fallback and content_filter", async () => {
    const { data, text, outcome } = await run([content("Fine "), content("so far. "), content("But the SEC"), content("RET is 42"), content(" and more"), "[DONE]"]);
    expect(text()).toBe("Fine so far. \n\nBlocked.");
    expect(data.at(-2)).toMatchObject({ choices: [{ index: 0, finish_reason: "content_filter" }], evalgate_guardrail: "no-secrets" });
    expect(data.at(-1)).toBe("[DONE]");
    expect(outcome.cutBy).toBe("no-secrets");
  });

  it("masks redacted text before release, per choice", async () => {
    const { text } = await run([content("Mail a@b", 0), content("Other", 1), content(".c now", 0), content(" a@b.c", 1), "[DONE]"], { checkEvery: 2, holdBackChars: 8 });
    expect(text(0)).toBe("Mail [EMAIL] now");
    expect(text(1)).toBe("Other [EMAIL]");
  });

  it("passes on events it does not understand, and ends without [DONE] when the upstream did", async () => {
    const { data } = await run([content("Hi"), { error: { message: "overloaded" } }], { checkEvery: 5 });
    expect(data).toEqual([{ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] }, { error: { message: "overloaded" } }]);
  });
});
