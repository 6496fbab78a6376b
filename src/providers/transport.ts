import { setTimeout as delay } from "node:timers/promises";
import { createAPIError, MalformedResponseError, ProviderConnectionError, ProviderTimeoutError } from "./errors.js";
import { sharedHostLimits, type HostLimits } from "./internal/host-limits.js";
import { callDeadlineOf, withoutCallDeadline } from "./internal/call-deadline.js";
import { createRateLimiter, type RateLimits } from "./internal/rate-limiter.js";
import { describeEndpoint, redactSecrets, secretHeaderValues } from "./internal/redact.js";
import { isRetryableStatus, retryDelayMs, serverRetryDelayMs } from "./internal/retry-delay.js";

/**
 * All model HTTP in evalgate goes through here: the official SDKs get
 * `transport.fetch` (with their own retries off), raw JSON targets use
 * `transport.request`, so timeouts, retries, rate limits and per-host
 * concurrency behave the same everywhere and are tested in one place.
 */

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportOptions {
  /** Budget for one attempt (headers and body), in ms. Default 120 000. */
  timeoutMs?: number;
  /** Attempts in total, first included. Default 4. */
  maxAttempts?: number;
  /** First backoff ceiling; doubles per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts, also capping Retry-After. Default 60 000 ms. */
  maxRetryDelayMs?: number;
  /** In-flight ceiling for each host this transport calls (shared process-wide). */
  maxConcurrencyPerHost?: number;
  rateLimits?: RateLimits;
  /** Defaults to the process-wide registry; tests pass their own. */
  hostLimits?: HostLimits;
  fetch?: FetchLike;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface TransportRequest {
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as is (URLSearchParams become a form body). */
  body?: string | URLSearchParams;
  signal?: AbortSignal;
  /** Overrides the transport's per-attempt timeout. */
  timeoutMs?: number;
  /** Tokens this call will use, for tokens-per-minute limits; estimated from the body when absent. */
  estimatedTokens?: number;
  /** Overrides the transport's attempts in total (1: no retries). */
  maxAttempts?: number;
  /**
   * The caller's own time limit. A retry that could only start after it is
   * not waited for: the last answer is returned (and thrown as its status),
   * so the error says what the endpoint asked for instead of a bare timeout.
   */
  deadline?: Deadline;
}

export interface Deadline {
  /** When it runs out, on the transport's clock (`now`, Date.now by default). */
  at: number;
  /** Its length and name, for the message, e.g. 30000 and "the trial's timeout". */
  timeoutMs: number;
  label: string;
}

export interface TransportResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined for an empty body. */
  body: T;
  requestId: string | undefined;
  latencyMs: number;
  attempts: number;
}

export interface Transport {
  /**
   * fetch-compatible: retries and limits applied; error statuses are returned
   * (after retries) for the SDK to map. The host slot is held until headers
   * arrive, since the SDK reads the body later; the timeout still covers it.
   */
  fetch: FetchLike;
  /** One JSON call; throws ProviderAPIError subclasses on error statuses. */
  request<T = unknown>(request: TransportRequest): Promise<TransportResponse<T>>;
}

export const TRANSPORT_DEFAULTS = {
  timeoutMs: 120_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxRetryDelayMs: 60_000,
} as const;

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-databricks-request-id"];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

interface SendPlan {
  url: URL;
  init: RequestInit;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  tokens: number;
  /** Read the body inside the attempt so drops and timeouts mid-body are retried too. */
  readBody: boolean;
  maxAttempts?: number;
  deadline?: Deadline;
}

interface Sent {
  response: Response;
  text: string | undefined;
  attempts: number;
  /** Why retrying stopped before the attempts ran out (a wait past the caller's deadline). */
  gaveUp?: string;
}

export function createTransport(options: TransportOptions = {}): Transport {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = positive("timeoutMs", options.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs);
  const maxAttempts = positive("maxAttempts", options.maxAttempts ?? TRANSPORT_DEFAULTS.maxAttempts);
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? TRANSPORT_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxRetryDelayMs ?? TRANSPORT_DEFAULTS.maxRetryDelayMs,
  };
  const hostLimits = options.hostLimits ?? sharedHostLimits;
  const rateLimiter = createRateLimiter(options.rateLimits ?? {}, { now, sleep });
  const configuredHosts = new Set<string>();

  const limitHost = (host: string) => {
    if (options.maxConcurrencyPerHost === undefined || configuredHosts.has(host)) return;
    hostLimits.setLimit(host, options.maxConcurrencyPerHost);
    configuredHosts.add(host);
  };

  async function attempt(plan: SendPlan): Promise<{ response: Response; text: string | undefined }> {
    const timeout = AbortSignal.timeout(plan.timeoutMs);
    const signal = plan.signal ? AbortSignal.any([plan.signal, timeout]) : timeout;
    try {
      const response = await fetchImpl(plan.url, { ...plan.init, signal });
      const text = plan.readBody ? await response.text() : undefined;
      return { response, text };
    } catch (error) {
      if (plan.signal?.aborted) throw plan.signal.reason;
      if (timeout.aborted) throw new ProviderTimeoutError(plan.timeoutMs, describeEndpoint(plan.url));
      throw new ProviderConnectionError(connectionMessage(plan.url, error), { cause: error });
    }
  }

  async function send(plan: SendPlan): Promise<Sent> {
    moveUserinfoToHeader(plan);
    // A streamed body is consumed by the first attempt and cannot be replayed.
    const attemptsAllowed = isStreamBody(plan.init.body) ? 1 : plan.maxAttempts ?? maxAttempts;
    limitHost(plan.url.host);
    for (let attemptNo = 1; ; attemptNo++) {
      plan.signal?.throwIfAborted();
      await rateLimiter.acquire(plan.tokens, plan.signal);
      let outcome: { response: Response; text: string | undefined };
      try {
        outcome = await hostLimits.run(plan.url.host, () => attempt(plan));
      } catch (error) {
        if (!(error instanceof ProviderConnectionError) || attemptNo >= attemptsAllowed) throw error;
        await sleep(retryDelayMs(attemptNo, backoff, random), plan.signal);
        continue;
      }
      const { response } = outcome;
      if (!isRetryableStatus(response.status) || attemptNo >= attemptsAllowed) return { ...outcome, attempts: attemptNo };
      // Free the connection; not awaited because a cancel can wait on a tee'd twin of the body.
      const asked = serverRetryDelayMs(response.headers, now());
      const wait = retryDelayMs(attemptNo, backoff, random, asked);
      if (plan.deadline && now() + wait >= plan.deadline.at) {
        return { ...outcome, attempts: attemptNo, gaveUp: gaveUpMessage(plan.deadline, response.status, asked) };
      }
      if (!plan.readBody) response.body?.cancel().catch(() => {});
      await sleep(wait, plan.signal);
    }
  }

  return {
    async fetch(input, init = {}) {
      const request = input instanceof Request ? input : undefined;
      const url = new URL(request ? request.url : input);
      const merged: RequestInit = request ? { method: request.method, headers: request.headers, body: request.body, ...init } : init;
      const { signal, ...rest } = withoutCallDeadline(merged);
      const scope = callDeadlineOf(merged);
      const sent = await send({
        url,
        init: rest,
        timeoutMs,
        signal: signal ?? undefined,
        tokens: estimateTokens(rest.body),
        readBody: false,
        ...(scope ? { deadline: scope.deadline } : {}),
      });
      if (scope && sent.gaveUp) scope.gaveUp = sent.gaveUp;
      return sent.response;
    },

    async request<T>(req: TransportRequest): Promise<TransportResponse<T>> {
      const url = new URL(req.url);
      const headers = new Headers(req.headers);
      if (!headers.has("accept")) headers.set("accept", "application/json");
      let body: string | URLSearchParams | undefined = req.body;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        if (!headers.has("content-type")) headers.set("content-type", "application/json");
      }
      const started = now();
      const { response, text = "", attempts, gaveUp } = await send({
        url,
        init: { method: req.method ?? (body === undefined ? "GET" : "POST"), headers, body },
        timeoutMs: positive("timeoutMs", req.timeoutMs ?? timeoutMs),
        signal: req.signal,
        tokens: req.estimatedTokens ?? estimateTokens(body),
        readBody: true,
        ...(req.maxAttempts === undefined ? {} : { maxAttempts: positive("maxAttempts", req.maxAttempts) }),
        ...(req.deadline ? { deadline: req.deadline } : {}),
      });
      const requestId = requestIdOf(response.headers);
      const endpoint = describeEndpoint(url);
      const safeBody = redactSecrets(text, secretHeaderValues(headers));
      if (!response.ok) throw createAPIError({ status: response.status, requestId, endpoint, body: safeBody, attempts, ...(gaveUp ? { gaveUp } : {}) });
      let parsed: unknown;
      try {
        parsed = text.trim() === "" ? undefined : JSON.parse(text);
      } catch (error) {
        throw new MalformedResponseError(
          { status: response.status, requestId, endpoint, body: safeBody },
          "The response body is not valid JSON (truncated or not a JSON API).",
          { cause: error },
        );
      }
      return { status: response.status, headers: response.headers, body: parsed as T, requestId, latencyMs: now() - started, attempts };
    },
  };
}

/**
 * fetch refuses URLs with credentials in them, and a gateway URL like
 * https://user:pass@host is common: send them as basic auth unless the
 * request already carries its own Authorization header.
 */
function moveUserinfoToHeader(plan: SendPlan): void {
  const { url } = plan;
  if (!url.username && !url.password) return;
  const headers = new Headers(plan.init.headers);
  if (!headers.has("authorization")) {
    const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64");
    headers.set("authorization", `Basic ${basic}`);
  }
  url.username = "";
  url.password = "";
  plan.init = { ...plan.init, headers };
}

async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    // Surface the caller's own reason (e.g. the runner's timeout), not a generic AbortError.
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

function isStreamBody(body: RequestInit["body"]): boolean {
  if (body === null || body === undefined || typeof body === "string") return false;
  if (body instanceof ReadableStream) return true;
  return typeof body === "object" && Symbol.asyncIterator in body;
}

// About four characters per token for English text: close enough for pacing, never for billing.
function estimateTokens(body: unknown): number {
  if (typeof body === "string") return Math.ceil(body.length / 4);
  if (body instanceof URLSearchParams) return Math.ceil(body.toString().length / 4);
  return 0;
}

function connectionMessage(url: URL, error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 3; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === "string" && !e.message.includes(code) ? `${e.message} (${code})` : e.message);
  }
  const reason = parts.length > 0 ? parts.join(": ") : String(error);
  return `Connection to ${describeEndpoint(url)} failed: ${redactSecrets(reason)}. Check the base URL and network; evalgate retries dropped connections.`;
}

/** "gave up waiting: the endpoint asked to retry after 120 s (HTTP 429) but the trial's timeout is 30 s" */
function gaveUpMessage(deadline: Deadline, status: number, askedMs: number | undefined): string {
  const limit = `${deadline.label} is ${seconds(deadline.timeoutMs)}`;
  return askedMs === undefined
    ? `gave up waiting: the next retry after HTTP ${status} would start past ${deadline.label} (${seconds(deadline.timeoutMs)})`
    : `gave up waiting: the endpoint asked to retry after ${seconds(askedMs)} (HTTP ${status}) but ${limit}`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Transport option ${name} must be a positive number, got ${value}.`);
  return value;
}
