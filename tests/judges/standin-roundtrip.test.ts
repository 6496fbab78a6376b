import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createJudgeRunner, loadJudges, runJudge, type Judge } from "../../src/judges/index.js";
import { createProvider, createResponseCache, type ProviderOptions } from "../../src/providers/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { createHostLimits } from "../../src/providers/internal/host-limits.js";
import { createTransport } from "../../src/providers/transport.js";
import { testTransport } from "../providers/helpers.js";
import { judgeDir, writeJudge } from "./helpers.js";

const KEY = "sk-test-judge-0123456789abcdef";
const trial = {
  caseId: "refund-annual",
  trial: 1,
  input: "Can I get a refund on my annual plan?",
  output: "Yes, within 30 days [kb-billing-refunds].",
  trace: { context: [{ id: "kb-billing-refunds", title: "Refunds", text: "Annual subscriptions: full refund within 14 days." }] },
};

interface Vendor {
  model: string;
  options: (standin: Standin) => ProviderOptions;
  /** The conversation turns of a recorded request body, system prompt excluded. */
  turns: (body: Record<string, unknown>) => { role: string; content: unknown }[];
  /** How the request asked for structured output. */
  structured: (body: Record<string, unknown>) => unknown;
}

const vendors: Record<string, Vendor> = {
  openai: {
    model: "openai:gpt-4.1-mini",
    options: (standin) => ({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${standin.url}/v1` }, transport: testTransport().transport }),
    turns: (body) => (body.messages as { role: string; content: unknown }[]).filter((m) => m.role !== "system"),
    structured: (body) => (body.response_format as { type: string }).type,
  },
  anthropic: {
    model: "anthropic:claude-haiku-4-5",
    options: (standin) => ({ env: { ANTHROPIC_API_KEY: KEY }, config: { anthropic: { base_url: standin.url } }, transport: testTransport().transport }),
    turns: (body) => body.messages as { role: string; content: unknown }[],
    structured: (body) => body.tool_choice,
  },
};

/** Text of a message's content, whether a string or a list of text blocks. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return (content as { text?: string }[]).map((block) => block.text ?? "").join("");
}

describe.each(Object.entries(vendors))("judge round trip through the %s SDK against the stand-in", (name, vendor) => {
  let standin: Standin;
  let judge: Judge;
  beforeAll(async () => {
    standin = await startStandin({ apiKeys: [KEY] });
    [judge] = (await loadJudges([await writeJudge(await judgeDir(), { model: vendor.model })])) as [Judge];
  });
  afterAll(() => standin.close());
  beforeEach(() => standin.reset());

  const provider = () => createProvider(vendor.model, vendor.options(standin));
  const body = (index: number) => standin.requests[index]?.body as Record<string, unknown>;

  it("asks for structured output and records a well-formed verdict", async () => {
    standin.script({ json: { critique: "The answer says 30 days; the article says 14.", verdict: "FAIL" }, usage: { input_tokens: 900, output_tokens: 40 } });
    const verdict = await runJudge(judge, trial, { provider: provider() });
    expect(verdict).toMatchObject({ id: "grounded", version: judge.version, outcome: "fail", critique: "The answer says 30 days; the article says 14.", usage: { input_tokens: 900, output_tokens: 40 } });
    expect(verdict.cost_usd).toBeGreaterThan(0);
    expect(standin.requests).toHaveLength(1);
    expect(vendor.structured(body(0))).toEqual(name === "openai" ? "json_schema" : { type: "tool", name: "judge_verdict" });
    expect(textOf(vendor.turns(body(0))[0]?.content)).toContain("<answer>\nYes, within 30 days [kb-billing-refunds].\n</answer>");
  });

  it("retries a malformed reply once, sending the validation error, then parses", async () => {
    standin.script({ json: { critique: "Fine.", verdict: "MOSTLY" } }, { json: { critique: "14 vs 30 days: unsupported.", verdict: "FAIL" } });
    const verdict = await runJudge(judge, trial, { provider: provider() });
    expect(verdict).toMatchObject({ outcome: "fail", critique: "14 vs 30 days: unsupported." });
    expect(verdict.raw).toBeUndefined();
    expect(standin.requests).toHaveLength(2);
    const retry = vendor.turns(body(1));
    expect(retry.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(JSON.parse(textOf(retry[1]?.content))).toEqual({ critique: "Fine.", verdict: "MOSTLY" });
    expect(textOf(retry[2]?.content)).toContain('verdict: Invalid option: expected one of "PASS"|"FAIL"');
  });

  it("ends as an error with the raw reply kept when the retry is malformed too", async () => {
    standin.script({ json: { verdict: "PASS" } }, { json: { critique: "ok", verdict: "PASS", score: 5 } });
    const verdict = await runJudge(judge, trial, { provider: provider() });
    expect(verdict.outcome).toBe("error");
    expect(JSON.parse(verdict.raw ?? "")).toEqual({ critique: "ok", verdict: "PASS", score: 5 });
    expect(textOf(vendor.turns(body(1)).at(-1)?.content)).toMatch(/^The reply does not match the required shape: critique: /);
  });

  it("records a transport failure as an error verdict", async () => {
    standin.injectFault({ status: 400, message: "context too long" });
    const verdict = await runJudge(judge, trial, { provider: provider() });
    expect(verdict).toMatchObject({ outcome: "error" });
    expect(verdict.critique).toMatch(/^Judge call failed: .*context too long/);
    expect(verdict.critique).not.toContain(KEY);
  });

  it("records a call that outlasts judge_timeout_ms as an error, and frees its slot for the next verdict", async () => {
    // One connection to the judge host at a time: a timed-out call that kept its slot would starve the next one.
    const transport = createTransport({ hostLimits: createHostLimits(), maxConcurrencyPerHost: 1 });
    const slow = createProvider(vendor.model, { ...vendor.options(standin), transport });
    standin.injectFault({ latencyMs: 5_000 }, { times: 1 });
    standin.script({ json: { critique: "Supported by the article.", verdict: "PASS" }, times: 5 });

    const timedOut = await runJudge(judge, trial, { provider: slow, timeoutMs: 300 });
    expect(timedOut).toMatchObject({ outcome: "error" });
    expect(timedOut.critique).toBe(
      `Judge call timed out: no reply from ${vendor.model} within 300 ms (judge_timeout_ms); raise it in the suite config if the model is slow.`,
    );
    expect(timedOut.usage).toBeUndefined();

    const next = await runJudge(judge, trial, { provider: slow, timeoutMs: 3_000 });
    expect(next).toMatchObject({ outcome: "pass", critique: "Supported by the article." });
  });

  it("serves a re-run from the cache without a second request", async () => {
    standin.script({ json: { critique: "Unsupported.", verdict: "FAIL" }, times: 5 });
    const cache = createResponseCache({ dir: await mkdtemp(join(tmpdir(), "evalgate-judge-cache-")) });
    const runner = () => createJudgeRunner([judge], { providerFor: provider, cache });
    const request = { testCase: { id: trial.caseId, input: trial.input }, trial: 0, output: trial.output, trace: trial.trace };
    const [first] = await runner().run(request);
    const [second] = await runner().run(request);
    expect(standin.requests).toHaveLength(1);
    expect(first).toMatchObject({ outcome: "fail", cached: false });
    expect(second).toMatchObject({ outcome: "fail", cached: true, critique: "Unsupported." });
  });
});
