import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../log/index.js";
import type { ChatOptions, ChatProvider, ChatResult } from "../providers/index.js";
import type { Judge, JudgeTrial } from "./judge.js";
import { runJudge } from "./run-judge.js";

const judge: Judge = {
  id: "grounded",
  failureMode: "unsupported claims",
  model: "openai:gpt-4.1-mini",
  temperature: 0,
  inputs: ["input", "output"],
  file: "/j/grounded.md",
  template: "PASS if supported, FAIL if not.\nQ: {{input}}\nA: {{output}}",
  templateLine: 6,
  examples: [],
  systemPrompt: "You judge unsupported claims.",
  version: "abc123def456",
};
const trial: JudgeTrial = { caseId: "c1", trial: 2, input: "Refund?", output: "Yes, 14 days." };

/** An in-memory provider answering with `replies` in order (an Error is thrown), recording every call. */
function fakeProvider(replies: (string | Error)[], extra: Partial<ChatResult> = {}) {
  const calls: { messages: readonly ChatMessage[]; options: ChatOptions | undefined }[] = [];
  const provider: ChatProvider = {
    id: "openai:gpt-4.1-mini",
    async chat(messages, options) {
      calls.push({ messages, options });
      const reply = replies[calls.length - 1];
      if (reply === undefined) throw new Error("fake provider: no more replies");
      if (reply instanceof Error) throw reply;
      return { text: reply, usage: { input_tokens: 100, output_tokens: 20 }, latencyMs: 5, model: "openai:gpt-4.1-mini-2025-04-14", costUsd: 0.001, ...extra };
    },
  };
  return { provider, calls };
}

describe("runJudge", () => {
  it("records the verdict with critique, judge version, usage and cost", async () => {
    const { provider, calls } = fakeProvider(['{"critique": "14 days matches the article.", "verdict": "PASS"}']);
    const verdict = await runJudge(judge, trial, { provider });
    expect(verdict).toMatchObject({
      id: "grounded",
      version: "abc123def456",
      failure_mode: "unsupported claims",
      model: "openai:gpt-4.1-mini-2025-04-14",
      outcome: "pass",
      critique: "14 days matches the article.",
      usage: { input_tokens: 100, output_tokens: 20 },
      cost_usd: 0.001,
      cached: false,
    });
    expect(verdict.raw).toBeUndefined();
    expect(calls[0]?.options).toMatchObject({
      temperature: 0,
      metadata: { judge: "grounded", case_id: "c1", trial: "2" },
      jsonSchema: { name: "judge_verdict", schema: { required: ["critique", "verdict"] } },
    });
    expect(calls[0]?.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("maps FAIL to a fail outcome", async () => {
    const { provider } = fakeProvider(['{"critique": "Says 30 days; the article says 14.", "verdict": "FAIL"}']);
    expect(await runJudge(judge, trial, { provider })).toMatchObject({ outcome: "fail", critique: "Says 30 days; the article says 14." });
  });

  it("retries a malformed reply once with the validation error, and counts both calls", async () => {
    const { provider, calls } = fakeProvider(["Looks fine to me. PASS", '{"critique": "Supported.", "verdict": "PASS"}']);
    const verdict = await runJudge(judge, trial, { provider });
    expect(verdict).toMatchObject({ outcome: "pass", usage: { input_tokens: 200, output_tokens: 40 }, cost_usd: 0.002 });
    expect(calls).toHaveLength(2);
    const retry = calls[1]?.messages ?? [];
    expect(retry.slice(0, 2)).toEqual(calls[0]?.messages);
    expect(retry[2]).toEqual({ role: "assistant", content: "Looks fine to me. PASS" });
    expect(retry[3]?.content).toMatch(/^The reply is not valid JSON/);
  });

  it("ends as an error verdict keeping the raw text when the retry is malformed too", async () => {
    const { provider, calls } = fakeProvider(['{"verdict": "PASS"}', '{"critique": "ok", "verdict": "4/5"}']);
    const verdict = await runJudge(judge, trial, { provider });
    expect(calls).toHaveLength(2);
    expect(verdict).toMatchObject({ outcome: "error", raw: '{"critique": "ok", "verdict": "4/5"}' });
    expect(verdict.critique).toMatchInlineSnapshot(`"Unparseable judge reply after one retry: The reply does not match the required shape: verdict: Invalid option: expected one of "PASS"|"FAIL"."`);
  });

  it("turns a provider failure into an error verdict, never a pass or fail", async () => {
    const { provider } = fakeProvider([new Error("HTTP 503 from api.example (request id r1)")]);
    const verdict = await runJudge(judge, trial, { provider });
    expect(verdict).toMatchObject({ outcome: "error", critique: "Judge call failed: HTTP 503 from api.example (request id r1)", model: "openai:gpt-4.1-mini" });
    expect(verdict.usage).toBeUndefined();
  });

  it("gives each call judge_timeout_ms as its deadline, so a Retry-After past it fails at once naming the 429", async () => {
    const { provider, calls } = fakeProvider(['{"critique": "ok", "verdict": "PASS"}']);
    const before = Date.now();
    await runJudge(judge, trial, { provider, timeoutMs: 20_000 });
    const deadline = calls[0]?.options?.deadline;
    expect(deadline).toMatchObject({ timeoutMs: 20_000, label: "the judge's time limit (judge_timeout_ms)" });
    expect(deadline!.at).toBeGreaterThanOrEqual(before + 20_000);
    expect(deadline!.at).toBeLessThanOrEqual(Date.now() + 20_000);
  });

  it("does not call the model when the trial cannot fill a placeholder", async () => {
    const { provider, calls } = fakeProvider([]);
    const { output: _output, ...noOutput } = trial;
    const verdict = await runJudge(judge, noOutput, { provider });
    expect(calls).toHaveLength(0);
    expect(verdict).toMatchObject({ outcome: "error", critique: "Not judged: this trial has no value for {{output}}." });
  });

  it("marks a verdict cached only when every call it took was a cache hit, and leaves unknown cost unknown", async () => {
    const { provider } = fakeProvider(['{"critique": "ok", "verdict": "PASS"}'], { cached: true, costUsd: undefined });
    const verdict = await runJudge(judge, trial, { provider });
    expect(verdict.cached).toBe(true);
    expect(verdict).not.toHaveProperty("cost_usd");
  });
});
