import { describe, expect, it, vi } from "vitest";
import { BadRequestError, InternalServerError, MalformedResponseError, ProviderConnectionError, ProviderTimeoutError, RateLimitError } from "./errors.js";
import { createHostLimits } from "./internal/host-limits.js";
import { createTransport, type FetchLike, type TransportOptions } from "./transport.js";

const URL_ = "https://api.example.test/v1/things";

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A fetch that answers from a list, one per call, recording each call. */
function scriptedFetch(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (input, init) => {
    calls.push({ url: String(input), init });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer!.clone();
  };
  return { fetch, calls };
}

function transportWith(fetch: FetchLike, extra: TransportOptions = {}) {
  const sleeps: number[] = [];
  const transport = createTransport({
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    hostLimits: createHostLimits(),
    ...extra,
  });
  return { transport, sleeps };
}

function connectionReset(): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
}

describe("transport retries", () => {
  it("waits for the Retry-After seconds on a 429, then succeeds", async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(429, { error: "slow down" }, { "retry-after": "3" }), jsonResponse(200, { ok: true }));
    const { transport, sleeps } = transportWith(fetch);
    const response = await transport.request({ url: URL_, json: { a: 1 } });
    expect(response.body).toEqual({ ok: true });
    expect(response.attempts).toBe(2);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it("prefers retry-after-ms and reads Retry-After HTTP dates against the clock", async () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const { fetch } = scriptedFetch(
      jsonResponse(429, {}, { "retry-after-ms": "1500", "retry-after": "9" }),
      jsonResponse(503, {}, { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }),
      jsonResponse(200, {}),
    );
    const { transport, sleeps } = transportWith(fetch, { now: () => now });
    await transport.request({ url: URL_ });
    expect(sleeps).toEqual([1500, 5000]);
  });

  it("gives up at once, keeping the 429, when the Retry-After wait would outlast the caller's deadline", async () => {
    const now = 1_000_000;
    const { fetch, calls } = scriptedFetch(jsonResponse(429, { error: "slow down" }, { "retry-after": "120" }), jsonResponse(200, {}));
    const { transport, sleeps } = transportWith(fetch, { now: () => now });
    const error = await transport
      .request({ url: URL_, deadline: { at: now + 30_000, timeoutMs: 30_000, label: "the trial's timeout" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, attempts: 1 });
    expect((error as Error).message).toMatch(/^Gave up waiting: the endpoint asked to retry after 120 s \(HTTP 429\) but the trial's timeout is 30 s\. HTTP 429 from /);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("still waits for a Retry-After that ends before the deadline", async () => {
    const now = 1_000_000;
    const { fetch } = scriptedFetch(jsonResponse(429, {}, { "retry-after": "2" }), jsonResponse(200, { ok: true }));
    const { transport, sleeps } = transportWith(fetch, { now: () => now });
    const response = await transport.request({ url: URL_, deadline: { at: now + 30_000, timeoutMs: 30_000, label: "the trial's timeout" } });
    expect(response.attempts).toBe(2);
    expect(sleeps).toEqual([2000]);
  });

  it("makes one attempt only when the request asks for maxAttempts 1", async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(500, { error: "boom" }));
    const { transport } = transportWith(fetch, { maxAttempts: 4 });
    const error = await transport.request({ url: URL_, maxAttempts: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expect((error as Error).message).toContain("The server failed. Try again later.");
    expect(calls).toHaveLength(1);
  });

  it("caps a server-requested wait at maxRetryDelayMs", async () => {
    const { fetch } = scriptedFetch(jsonResponse(429, {}, { "retry-after": "3600" }), jsonResponse(200, {}));
    const { transport, sleeps } = transportWith(fetch, { maxRetryDelayMs: 60_000 });
    await transport.request({ url: URL_ });
    expect(sleeps).toEqual([60_000]);
  });

  it("ends a persistent 500 as an InternalServerError after maxAttempts, backing off with jitter", async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(500, { error: "boom" }, { "x-request-id": "req_9" }));
    const { transport, sleeps } = transportWith(fetch, { maxAttempts: 4, baseDelayMs: 500 });
    const error = await transport.request({ url: URL_ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, requestId: "req_9", code: "PROVIDER_API_ERROR" });
    expect(calls).toHaveLength(4);
    // random() = 0.5 of the ceilings 500, 1000, 2000 (full jitter).
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it("retries a dropped connection", async () => {
    const { fetch, calls } = scriptedFetch(connectionReset(), jsonResponse(200, { ok: 1 }));
    const { transport } = transportWith(fetch);
    const response = await transport.request({ url: URL_ });
    expect(response.body).toEqual({ ok: 1 });
    expect(calls).toHaveLength(2);
  });

  it("reports a connection that keeps failing as ProviderConnectionError naming the cause", async () => {
    const { fetch, calls } = scriptedFetch(connectionReset());
    const { transport } = transportWith(fetch, { maxAttempts: 3 });
    const error = await transport.request({ url: `${URL_}?api-key=sk-secretsecret` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderConnectionError);
    expect(calls).toHaveLength(3);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Connection to https://api.example.test/v1/things failed: fetch failed: read ECONNRESET. Check the base URL and network; evalgate retries dropped connections."`,
    );
  });

  it("does not retry a 400 and keeps the key out of the message", async () => {
    const key = "sk-live-abcdefghijklmnop";
    const { fetch, calls } = scriptedFetch(jsonResponse(400, { error: { message: `bad request for key ${key}` } }));
    const { transport } = transportWith(fetch);
    const error = await transport.request({ url: URL_, headers: { authorization: `Bearer ${key}` }, json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(calls).toHaveLength(1);
    expect((error as Error).message).not.toContain(key);
    expect((error as Error).message).toMatchInlineSnapshot(`
      "HTTP 400 from https://api.example.test/v1/things: {"error":{"message":"bad request for key [redacted]"}}
      The request was rejected as malformed; check the model id and parameters."
    `);
  });

  it("never retries a request whose body is a stream", async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(503, {}), jsonResponse(200, {}));
    const { transport } = transportWith(fetch);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{}"));
        controller.close();
      },
    });
    const response = await transport.fetch(URL_, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it("hands the last error response to fetch callers once retries are spent", async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(429, {}), jsonResponse(429, { error: "still" }));
    const { transport } = transportWith(fetch, { maxAttempts: 2 });
    const response = await transport.fetch(URL_, { method: "POST", body: "{}" });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: "still" });
    expect(calls).toHaveLength(2);
  });

  it("raises RateLimitError from request() when 429s outlast the attempts", async () => {
    const { fetch } = scriptedFetch(jsonResponse(429, {}));
    const { transport } = transportWith(fetch, { maxAttempts: 2 });
    await expect(transport.request({ url: URL_ })).rejects.toBeInstanceOf(RateLimitError);
  });

  it("treats a truncated JSON body as a MalformedResponseError", async () => {
    const { fetch } = scriptedFetch(new Response('{"choices": [{"mess', { status: 200 }));
    const { transport } = transportWith(fetch);
    await expect(transport.request({ url: URL_ })).rejects.toBeInstanceOf(MalformedResponseError);
  });
});

/** A fetch that never answers until its signal aborts. */
const hangingFetch: FetchLike = (_input, init) =>
  new Promise((_, reject) => {
    if (init?.signal?.aborted) reject(init.signal.reason);
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
  });

describe("transport timeouts and cancellation", () => {
  it("fails with ProviderTimeoutError when an attempt outlasts timeoutMs, without retrying", async () => {
    const fetch = vi.fn(hangingFetch);
    const { transport } = transportWith(fetch, { timeoutMs: 20 });
    const error = await transport.request({ url: URL_ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20, code: "PROVIDER_TIMEOUT" });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("stops waiting for a retry as soon as the caller aborts, with the caller's reason", async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(429, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    // Real (abortable) sleep: the abort must cut the 30 s wait short.
    const transport = createTransport({ fetch, hostLimits: createHostLimits() });
    const pending = transport.request({ url: URL_, signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const reason = new Error("run cancelled");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(calls).toHaveLength(1);
  });

  it("passes the caller's abort through an in-flight request", async () => {
    const controller = new AbortController();
    const { transport } = transportWith(hangingFetch);
    const pending = transport.request({ url: URL_, signal: controller.signal });
    const reason = new Error("trial timed out");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe("per-host concurrency", () => {
  it("never has more than maxConcurrencyPerHost requests in flight to one host", async () => {
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const release: (() => void)[] = [];
    const fetch: FetchLike = async (input) => {
      const host = new URL(String(input)).host;
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      peak.set(host, Math.max(peak.get(host) ?? 0, inFlight.get(host)!));
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight.set(host, inFlight.get(host)! - 1);
      return jsonResponse(200, {});
    };
    const hostLimits = createHostLimits(8);
    const judge = createTransport({ fetch, hostLimits, maxConcurrencyPerHost: 3 });
    const target = createTransport({ fetch, hostLimits });
    const calls = [
      ...Array.from({ length: 6 }, () => judge.request({ url: "https://a.test/x" })),
      ...Array.from({ length: 6 }, () => target.request({ url: "https://a.test/y" })),
      ...Array.from({ length: 4 }, () => target.request({ url: "https://b.test/z" })),
    ];
    let done = false;
    const settled = Promise.all(calls).finally(() => {
      done = true;
    });
    // Release one waiting request at a time until all are done.
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    await settled;
    // The limit is shared by both transports calling a.test; b.test has its own (default 8).
    expect(peak.get("a.test")).toBe(3);
    expect(peak.get("b.test")).toBe(4);
  });
});

describe("rate limits", () => {
  it("spaces requests to honour requestsPerMinute", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const { fetch } = scriptedFetch(jsonResponse(200, {}));
    const transport = createTransport({
      fetch,
      hostLimits: createHostLimits(),
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      rateLimits: { requestsPerMinute: 2 },
    });
    for (let i = 0; i < 3; i++) await transport.request({ url: URL_ });
    // Two fit the full bucket; the third waits for one request's worth of refill: 60 s / 2.
    expect(sleeps).toEqual([30_000]);
  });
});

describe("credentials in URLs", () => {
  it("sends URL userinfo as basic auth and keeps it out of error messages", async () => {
    const { fetch, calls } = scriptedFetch(connectionReset());
    const { transport } = transportWith(fetch, { maxAttempts: 1 });
    const error = await transport.request({ url: "https://gw-user:gw-pass@gateway.test/v1/x" }).catch((e: unknown) => e);
    expect(calls[0]?.url).toBe("https://gateway.test/v1/x");
    expect(new Headers(calls[0]?.init?.headers).get("authorization")).toBe(`Basic ${Buffer.from("gw-user:gw-pass").toString("base64")}`);
    expect((error as Error).message).not.toContain("gw-pass");
  });
});
