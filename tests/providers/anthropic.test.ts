import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createProvider, MalformedResponseError, RateLimitError, type ProviderOptions } from "../../src/providers/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { testTransport } from "./helpers.js";

const KEY = "sk-ant-test-0123456789abcdef";

describe("anthropic provider against the stand-in", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ apiKeys: [KEY] });
  });
  afterAll(() => standin.close());
  beforeEach(() => standin.reset());

  const options = (extra: Partial<ProviderOptions> = {}): ProviderOptions => ({
    env: { ANTHROPIC_API_KEY: KEY },
    config: { anthropic: { base_url: standin.url } },
    transport: testTransport().transport,
    ...extra,
  });

  it("moves system messages to `system`, sends the key as a bearer token and returns text, usage and cost", async () => {
    standin.script({ match: "2+2", text: "4", usage: { input_tokens: 2000, output_tokens: 500 } });
    const provider = createProvider("anthropic:claude-haiku-4-5", options());
    const result = await provider.chat(
      [
        { role: "system", content: "You are a calculator." },
        { role: "system", content: "Answer with a number." },
        { role: "user", content: "2+2?" },
      ],
      { maxTokens: 64 },
    );
    expect(result).toMatchObject({ text: "4", usage: { input_tokens: 2000, output_tokens: 500 }, model: "anthropic:claude-haiku-4-5" });
    expect(result.responseId).toMatch(/^msg_/);
    // 2000 × 1 + 500 × 5 USD per million tokens.
    expect(result.costUsd).toBeCloseTo((2000 * 1 + 500 * 5) / 1e6, 12);
    const [sent] = standin.requests;
    expect(sent?.path).toBe("/v1/messages");
    // @anthropic-ai/sdk 1.x sends the API key as a bearer token.
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.headers["anthropic-version"]).toBeTruthy();
    expect(sent?.body).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 64,
      system: "You are a calculator.\n\nAnswer with a number.",
      messages: [{ role: "user", content: "2+2?" }],
    });
  });

  it("forces a single tool for structured output and returns its input as JSON text", async () => {
    standin.script({ json: { verdict: "FAIL", critique: "made up a refund policy" } });
    const schema = { type: "object", properties: { verdict: { type: "string" }, critique: { type: "string" } }, required: ["verdict"] };
    const result = await createProvider("anthropic:claude-haiku-4-5", options()).chat([{ role: "user", content: "judge this" }], {
      jsonSchema: { name: "record_verdict", schema },
    });
    expect(JSON.parse(result.text)).toEqual({ verdict: "FAIL", critique: "made up a refund policy" });
    const body = standin.requests[0]?.body as Record<string, unknown>;
    expect(body.tools).toEqual([{ name: "record_verdict", description: "Record the answer as record_verdict.", input_schema: schema }]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "record_verdict" });
  });

  it("maps Anthropic-shaped 429 bodies to RateLimitError with the request id, keeping the key out", async () => {
    standin.injectFault({ status: 429, retryAfter: 1 }, { times: 5 });
    const { transport, sleeps } = testTransport({ maxAttempts: 2 });
    const error = await createProvider("anthropic:claude-haiku-4-5", options({ transport }))
      .chat([{ role: "user", content: "hi" }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, requestId: "req_2" });
    expect(sleeps).toEqual([1000]);
    expect((error as Error).message).toContain("rate_limit_error");
    expect((error as Error).message).not.toContain(KEY);
  });

  it("fails at once with the 429 when its Retry-After would outlast the judge's time limit", async () => {
    standin.injectFault({ status: 429, retryAfter: 90 }, { times: 5 });
    const { transport, sleeps } = testTransport();
    const deadline = { at: Date.now() + 20_000, timeoutMs: 20_000, label: "the judge's time limit (judge_timeout_ms)" };
    const error = await createProvider("anthropic:claude-haiku-4-5", options({ transport }))
      .chat([{ role: "user", content: "hi" }], { deadline })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(/^Gave up waiting: the endpoint asked to retry after 90 s \(HTTP 429\) but the judge's time limit \(judge_timeout_ms\) is 20 s\. HTTP 429/);
    expect(sleeps).toEqual([]);
    expect(standin.requests).toHaveLength(1);
  });

  it("still waits out a Retry-After that ends before the deadline", async () => {
    standin.injectFault({ status: 429, retryAfter: 1 });
    const { transport, sleeps } = testTransport();
    const deadline = { at: Date.now() + 20_000, timeoutMs: 20_000, label: "the trial's timeout" };
    const result = await createProvider("anthropic:claude-haiku-4-5", options({ transport })).chat([{ role: "user", content: "hi" }], { deadline });
    expect(result.text).toContain("hi");
    expect(sleeps).toEqual([1000]);
  });

  it("fails a call whose response body was truncated", async () => {
    standin.script({ text: "a long enough answer to cut in half", fault: { truncate: true } });
    const error = await createProvider("anthropic:claude-haiku-4-5", options())
      .chat([{ role: "user", content: "hi" }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ code: "PROVIDER_API_ERROR", status: 200 });
  });

  it("complains when the model skips the forced tool", async () => {
    standin.route("POST", "/v1/messages", () => ({
      json: { id: "msg_x", type: "message", role: "assistant", model: "m", content: [{ type: "text", text: "no" }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 1 } },
    }));
    const error = await createProvider("anthropic:claude-haiku-4-5", options())
      .chat([{ role: "user", content: "hi" }], { jsonSchema: { name: "v", schema: { type: "object" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
  });
});
