import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createProvider,
  InternalServerError,
  ProviderConnectionError,
  ProviderTimeoutError,
  RateLimitError,
  type ProviderOptions,
} from "../../src/providers/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { testTransport } from "./helpers.js";

const KEY = "sk-test-openai-0123456789abcdef";

describe("openai provider against the stand-in", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ apiKeys: [KEY] });
  });
  afterAll(() => standin.close());
  beforeEach(() => standin.reset());

  const options = (extra: Partial<ProviderOptions> = {}): ProviderOptions => ({
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${standin.url}/v1` },
    transport: testTransport().transport,
    ...extra,
  });

  it("sends a chat completion with the key as a bearer token and returns text, usage, id and cost", async () => {
    standin.script({ match: "capital", text: "Paris", usage: { input_tokens: 1000, output_tokens: 200 } });
    const provider = createProvider("openai:gpt-4o-mini", options());
    const result = await provider.chat(
      [
        { role: "system", content: "Be terse." },
        { role: "user", content: "The capital of France?" },
      ],
      { temperature: 0, maxTokens: 50 },
    );
    expect(result).toMatchObject({ text: "Paris", usage: { input_tokens: 1000, output_tokens: 200 }, model: "openai:gpt-4o-mini" });
    expect(result.responseId).toMatch(/^chatcmpl-/);
    // 1000 × 0.15 + 200 × 0.60 USD per million tokens.
    expect(result.costUsd).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1e6, 12);
    const [sent] = standin.requests;
    expect(sent?.path).toBe("/v1/chat/completions");
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be terse." },
        { role: "user", content: "The capital of France?" },
      ],
      temperature: 0,
      max_completion_tokens: 50,
    });
  });

  it("asks for strict json_schema output when given a schema", async () => {
    standin.script({ json: { verdict: "PASS", critique: "fine" } });
    const schema = { type: "object", properties: { verdict: { type: "string" }, critique: { type: "string" } }, required: ["verdict", "critique"], additionalProperties: false };
    const result = await createProvider("openai:gpt-4.1", options()).chat([{ role: "user", content: "judge" }], { jsonSchema: { name: "verdict", schema } });
    expect(JSON.parse(result.text)).toEqual({ verdict: "PASS", critique: "fine" });
    expect((standin.requests[0]?.body as Record<string, unknown>).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "verdict", schema, strict: true },
    });
  });

  it("turns a 401 into AuthenticationError without the key in the message", async () => {
    const wrongKey = "sk-wrong-key-abcdefghijklmnop";
    const provider = createProvider("openai:gpt-4o", options({ env: { OPENAI_API_KEY: wrongKey, OPENAI_BASE_URL: `${standin.url}/v1` } }));
    const error = await provider.chat([{ role: "user", content: "hi" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, requestId: "req_1" });
    expect((error as Error).message).not.toContain(wrongKey);
    expect((error as Error).message.replace(standin.url, "<standin>")).toMatchInlineSnapshot(`
      "HTTP 401 from <standin>/v1 (request id req_1): {"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":null}
      Check that the API key or token in the environment is valid."
    `);
  });

  it("retries a 429 honouring Retry-After, then succeeds", async () => {
    standin.injectFault({ status: 429, retryAfter: 2 });
    const { transport, sleeps } = testTransport();
    const result = await createProvider("openai:gpt-4o", options({ transport })).chat([{ role: "user", content: "hi" }]);
    expect(result.text).toBe("Echo: hi");
    expect(sleeps).toEqual([2000]);
    expect(standin.requests).toHaveLength(2);
  });

  it("fails at once with the 429 when its Retry-After would outlast the caller's deadline", async () => {
    standin.injectFault({ status: 429, retryAfter: 120, message: "slow down" }, { times: 5 });
    const { transport, sleeps } = testTransport();
    const deadline = { at: Date.now() + 30_000, timeoutMs: 30_000, label: "the trial's timeout" };
    const error = await createProvider("openai:gpt-4o", options({ transport }))
      .chat([{ role: "user", content: "hi" }], { deadline })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429 });
    expect((error as Error).message).toMatch(/^Gave up waiting: the endpoint asked to retry after 120 s \(HTTP 429\) but the trial's timeout is 30 s\. HTTP 429 from /);
    expect(sleeps).toEqual([]);
    expect(standin.requests).toHaveLength(1);
  });

  it("gives up on a persistent 500 as InternalServerError after the configured attempts", async () => {
    standin.injectFault({ status: 500 }, { times: 10 });
    const { transport } = testTransport({ maxAttempts: 3 });
    const error = await createProvider("openai:gpt-4o", options({ transport })).chat([{ role: "user", content: "hi" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(standin.requests).toHaveLength(3);
  });

  it("retries a dropped connection", async () => {
    standin.injectFault({ drop: true });
    const result = await createProvider("openai:gpt-4o", options()).chat([{ role: "user", content: "hi" }]);
    expect(result.text).toBe("Echo: hi");
    expect(standin.requests).toHaveLength(2);
  });

  it("reports a connection that never recovers as ProviderConnectionError", async () => {
    standin.injectFault({ drop: true }, { times: 10 });
    const { transport } = testTransport({ maxAttempts: 2 });
    const error = await createProvider("openai:gpt-4o", options({ transport })).chat([{ role: "user", content: "hi" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderConnectionError);
    expect((error as Error).message).not.toContain(KEY);
  });

  it("fails with ProviderTimeoutError when the server is slower than the transport timeout", async () => {
    standin.injectFault({ latencyMs: 300 });
    const { transport } = testTransport({ timeoutMs: 50, maxAttempts: 1 });
    const error = await createProvider("openai:gpt-4o", options({ transport })).chat([{ role: "user", content: "hi" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
  });

  it("fails with ProviderTimeoutError when the call's own timeoutMs runs out", async () => {
    standin.injectFault({ latencyMs: 300 });
    const error = await createProvider("openai:gpt-4o", options())
      .chat([{ role: "user", content: "hi" }], { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50 });
  });

  it("rethrows the caller's abort reason untouched", async () => {
    standin.injectFault({ latencyMs: 300 });
    const controller = new AbortController();
    const reason = new Error("trial cancelled");
    const pending = createProvider("openai:gpt-4o", options()).chat([{ role: "user", content: "hi" }], { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });

  it("sends tool results as labelled user turns", async () => {
    await createProvider("openai:gpt-4o", options()).chat([
      { role: "user", content: "look it up" },
      { role: "tool", name: "search", content: "42" },
    ]);
    // Found by content: an aborted request from the test before can reach the stand-in after the reset on a loaded machine.
    const sent = standin.requests.find((r) => JSON.stringify(r.body).includes("look it up"));
    expect((sent?.body as { messages: unknown[] }).messages[1]).toEqual({ role: "user", content: "[tool result from search]\n42" });
  });
});

describe("openai-compatible provider", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(() => standin.close());

  it("uses the configured base URL, max_tokens and an unknown (undefined) cost", async () => {
    const provider = createProvider("openai-compatible:llama-3.1-8b", {
      env: {},
      config: { openai_compatible: { base_url: `${standin.url}/v1` } },
      transport: testTransport().transport,
    });
    const result = await provider.chat([{ role: "user", content: "hello" }], { maxTokens: 20 });
    expect(result.text).toBe("Echo: hello");
    expect(result.costUsd).toBeUndefined();
    expect(standin.requests[0]?.body).toMatchObject({ model: "llama-3.1-8b", max_tokens: 20 });
  });
});
