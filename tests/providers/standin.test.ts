import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStandin, type Standin } from "../support/standin/server.js";

describe("model stand-in server", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(() => standin.close());
  beforeEach(() => standin.reset());

  const chat = (content: string) =>
    fetch(`${standin.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer k" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content }] }),
    });

  it("answers by prompt match before sequence, and records the request", async () => {
    standin.script({ text: "first in line" }, { match: /capital/, text: "Paris" });
    const byMatch = (await (await chat("What is the capital of France?")).json()) as { choices: { message: { content: string } }[] };
    const bySequence = (await (await chat("anything")).json()) as { choices: { message: { content: string } }[] };
    expect(byMatch.choices[0]?.message.content).toBe("Paris");
    expect(bySequence.choices[0]?.message.content).toBe("first in line");
    expect(standin.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ["POST", "/v1/chat/completions", "Bearer k"],
      ["POST", "/v1/chat/completions", "Bearer k"],
    ]);
  });

  it("injects a 429 with Retry-After in the vendor's error shape, then answers", async () => {
    standin.injectFault({ status: 429, retryAfter: 7 });
    const limited = await chat("hi");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(await limited.json()).toMatchObject({ error: { type: "rate_limit_exceeded" } });
    expect((await chat("hi")).status).toBe(200);
  });

  it("drops the connection without answering", async () => {
    standin.injectFault({ drop: true });
    await expect(chat("hi")).rejects.toThrow(/fetch failed/);
  });

  it("truncates the JSON body when asked", async () => {
    standin.script({ text: "a reasonably long answer", fault: { truncate: true } });
    const response = await chat("hi");
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("serves routes added by other handlers, with path parameters", async () => {
    standin.route("POST", "/serving-endpoints/:name/invocations", (ctx) => ({ json: { name: ctx.params.name } }));
    const response = await fetch(`${standin.url}/serving-endpoints/my-agent/invocations`, { method: "POST", body: "{}" });
    expect(await response.json()).toEqual({ name: "my-agent" });
  });

  it("describes a registered serving endpoint and 404s an unknown one", async () => {
    standin.setServingEndpoint("agent", { ready: "NOT_READY", configVersion: 3 });
    const known = (await (await fetch(`${standin.url}/api/2.0/serving-endpoints/agent`)).json()) as Record<string, unknown>;
    expect(known).toMatchObject({ state: { ready: "NOT_READY" }, config: { config_version: 3 } });
    expect((await fetch(`${standin.url}/api/2.0/serving-endpoints/nope`)).status).toBe(404);
  });
});

describe("model stand-in streaming", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(() => standin.close());

  it("streams chat completions as SSE and ends with a usage chunk when asked", async () => {
    standin.script({ text: "Hello there", usage: { input_tokens: 3, output_tokens: 2 } });
    const response = await fetch(`${standin.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = (await response.text())
      .split("\n\n")
      .filter((block) => block.startsWith("data: "))
      .map((block) => block.slice("data: ".length));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { delta: { content?: string } }[]; usage?: unknown });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Hello there");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
  });
});
