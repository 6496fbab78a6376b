import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Case } from "../../src/datasets/index.js";
import { createJudgeRunner, loadJudges } from "../../src/judges/index.js";
import { createResponseCache, responseCacheKey, type ChatProvider } from "../../src/providers/index.js";
import { judgeDir, writeJudge } from "./helpers.js";

const testCase: Case = { id: "refund", input: "Refund?", tags: ["billing"] };
const trace = { context: [{ id: "kb-refunds", text: "Refunds within 14 days." }] };

/** Answers PASS after `delayMs`, counting calls and the most calls ever in flight at once. */
function countingProvider(delayMs = 0) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const provider: ChatProvider = {
    id: "openai:gpt-4.1-mini",
    endpoint: "https://api.example/v1",
    async chat() {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      stats.inFlight--;
      return { text: '{"critique": "Supported.", "verdict": "PASS"}', usage: { input_tokens: 10, output_tokens: 5 }, latencyMs: delayMs, model: "openai:gpt-4.1-mini", costUsd: 0.0001 };
    },
  };
  return { provider, stats };
}

async function twoJudges() {
  const dir = await judgeDir();
  return loadJudges([
    await writeJudge(dir, { id: "grounded", model: "openai:gpt-4.1-mini" }),
    await writeJudge(dir, { id: "billing-only", model: "openai:gpt-4.1-mini", appliesWhen: "{ tags_any: [billing], tags_none: [smalltalk] }" }),
  ]);
}

describe("createJudgeRunner", () => {
  it("runs every applicable judge of a trial concurrently and records manifest entries", async () => {
    const judges = await twoJudges();
    const { provider, stats } = countingProvider(20);
    const runner = createJudgeRunner(judges, { providerFor: () => provider });
    const verdicts = await runner.run({ testCase, trial: 0, output: "Yes, 14 days.", trace });
    expect(verdicts.map((v) => [v.id, v.outcome])).toEqual([
      ["grounded", "pass"],
      ["billing-only", "pass"],
    ]);
    expect(stats.maxInFlight).toBe(2);
    expect(runner.manifestEntries()).toEqual(judges.map((j) => ({ id: j.id, version: j.version, model: "openai:gpt-4.1-mini", failure_mode: j.failureMode })));
  });

  it("skips judges whose applies_when excludes the case: no call, no verdict", async () => {
    const { provider, stats } = countingProvider();
    const runner = createJudgeRunner(await twoJudges(), { providerFor: () => provider });
    const smalltalk = await runner.run({ testCase: { ...testCase, tags: ["billing", "smalltalk"] }, trial: 0, output: "Hi!", trace });
    const untagged = await runner.run({ testCase: { id: "x", input: "q" }, trial: 0, output: "a", trace });
    expect(smalltalk.map((v) => v.id)).toEqual(["grounded"]);
    expect(untagged.map((v) => v.id)).toEqual(["grounded"]);
    expect(stats.calls).toBe(2);
  });

  it("passes the judge file's directory for models the judge names, and nothing for the suite default", async () => {
    const dir = await judgeDir();
    const judges = await loadJudges([await writeJudge(dir, { id: "own", model: "scripted:replies.jsonl" }), await writeJudge(dir, { id: "suite" })], {
      defaultModel: "openai:gpt-4.1-mini",
    });
    const asked: unknown[] = [];
    const runner = createJudgeRunner(judges, {
      providerFor: (modelId, where) => {
        asked.push([modelId, where]);
        return countingProvider().provider;
      },
    });
    await runner.run({ testCase, trial: 0, output: "a", trace });
    await runner.run({ testCase, trial: 1, output: "a", trace });
    expect(asked).toEqual([
      ["scripted:replies.jsonl", { baseDir: dir }],
      ["openai:gpt-4.1-mini", {}],
    ]);
  });

  it("answers an identical judge request from the on-disk cache and marks the verdict cached", async () => {
    const judges = await twoJudges();
    const cache = createResponseCache({ dir: await mkdtemp(join(tmpdir(), "evalgate-judge-cache-")) });
    const { provider, stats } = countingProvider();
    const runner = createJudgeRunner(judges, { providerFor: () => provider, cache });
    const first = await runner.run({ testCase, trial: 0, output: "Yes, 14 days.", trace });
    const again = await runner.run({ testCase, trial: 1, output: "Yes, 14 days.", trace });
    const changed = await runner.run({ testCase, trial: 2, output: "Yes, 30 days.", trace });
    expect(stats.calls).toBe(4);
    expect(first.map((v) => v.cached)).toEqual([false, false]);
    expect(again.map((v) => v.cached)).toEqual([true, true]);
    expect(again.map((v) => v.cost_usd)).toEqual([0, 0]);
    expect(changed.map((v) => v.cached)).toEqual([false, false]);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 4, writes: 4 });
  });

  it("never caches a reply that does not parse: the next run asks again and recovers", async () => {
    const judges = await loadJudges([await writeJudge(await judgeDir(), { id: "grounded", model: "openai:gpt-4.1-mini" })]);
    const dir = await mkdtemp(join(tmpdir(), "evalgate-judge-cache-"));
    let reply = "I think it passes.";
    let calls = 0;
    const provider: ChatProvider = {
      id: "openai:gpt-4.1-mini",
      async chat() {
        calls++;
        return { text: reply, usage: { input_tokens: 10, output_tokens: 5 }, latencyMs: 1, model: "openai:gpt-4.1-mini" };
      },
    };
    const judgeOnce = () => createJudgeRunner(judges, { providerFor: () => provider, cache: createResponseCache({ dir }) }).run({ testCase, trial: 0, output: "Yes.", trace });

    const bad = await judgeOnce();
    expect(bad.map((v) => [v.outcome, v.cached])).toEqual([["error", false]]);
    expect(calls).toBe(2); // the reply and its corrective retry

    reply = '{"critique": "Supported.", "verdict": "PASS"}';
    const recovered = await judgeOnce();
    expect(recovered.map((v) => [v.outcome, v.cached])).toEqual([["pass", false]]);
    expect(calls).toBe(3);

    const replayed = await judgeOnce();
    expect(replayed.map((v) => [v.outcome, v.cached])).toEqual([["pass", true]]);
    expect(calls).toBe(3);
  });

  it("asks again when the cache already holds a reply that does not parse (written by an older evalgate)", async () => {
    const judges = await loadJudges([await writeJudge(await judgeDir(), { id: "grounded", model: "openai:gpt-4.1-mini" })]);
    const cache = createResponseCache({ dir: await mkdtemp(join(tmpdir(), "evalgate-judge-cache-")) });
    const { provider, stats } = countingProvider();
    const asked: Parameters<ChatProvider["chat"]>[] = [];
    const recording: ChatProvider = { ...provider, chat: (...args) => (asked.push(args), provider.chat(...args)) };
    await createJudgeRunner(judges, { providerFor: () => recording }).run({ testCase, trial: 0, output: "Yes.", trace });
    const [messages, options] = asked[0]!;
    await cache.set(responseCacheKey(provider, messages, options), { text: "not json", usage: { input_tokens: 1, output_tokens: 1 }, latencyMs: 1, model: "openai:gpt-4.1-mini" });

    const verdicts = await createJudgeRunner(judges, { providerFor: () => provider, cache }).run({ testCase, trial: 0, output: "Yes.", trace });
    expect(verdicts.map((v) => [v.outcome, v.cached])).toEqual([["pass", false]]);
    expect(stats.calls).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 1 });
  });

  it("never reads a cache when none is given", async () => {
    const { provider, stats } = countingProvider();
    const runner = createJudgeRunner(await twoJudges(), { providerFor: () => provider });
    await runner.run({ testCase, trial: 0, output: "Yes.", trace });
    const again = await runner.run({ testCase, trial: 0, output: "Yes.", trace });
    expect(stats.calls).toBe(4);
    expect(again.map((v) => v.cached)).toEqual([false, false]);
  });
});
