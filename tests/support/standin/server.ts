import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { registerAnthropic } from "./anthropic.js";
import { registerOidc } from "./oidc.js";
import { registerOpenAI } from "./openai.js";
import { registerServingEndpoints, type ServingEndpointInfo } from "./serving-endpoints.js";

/**
 * A local stand-in for the model APIs evalgate talks to (OpenAI, Anthropic,
 * Databricks OIDC and serving endpoints), for tests and the bench only. It
 * listens on 127.0.0.1 on a free port, answers from per-test scripts, injects
 * faults on request, and records every request so tests can assert exactly
 * what was sent. Vendors plug in through `route()`.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON, a form body as an object, or the raw text. */
  body: unknown;
  rawBody: string;
}

/** Something to go wrong with one request. Several may combine (e.g. latency then 429). */
export interface Fault {
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Answer with this error status in the vendor's error shape. */
  status?: number;
  message?: string;
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string | number;
  /** retry-after-ms header value. */
  retryAfterMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Send only the first half of the JSON body, with a 200. */
  truncate?: boolean;
  /** Send the body in small pieces with this pause between them. */
  slowBodyMs?: number;
}

/** One scripted answer. Without `match` it is served in sequence. */
export interface ScriptedReply {
  /** Substring of, or pattern on, the last user message. */
  match?: string | RegExp;
  text?: string;
  /** Streaming: the content pieces to send, one chunk each (default: the text in three pieces). */
  chunks?: string[];
  /** Structured output: JSON text for OpenAI, the forced tool's input for Anthropic. */
  json?: unknown;
  usage?: { input_tokens: number; output_tokens: number };
  fault?: Fault;
  /** How often it may be used: default 1 in sequence, unlimited when matched by prompt. */
  times?: number;
}

export interface HandlerResult {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Server-sent events: each item is one `data:` payload (objects are JSON-encoded). */
  sse?: unknown[];
  fault?: Fault;
}

export interface RouteContext {
  request: RecordedRequest;
  params: Record<string, string>;
  standin: Standin;
  /** The scripted reply for this prompt (by match first, then in sequence), if any. */
  takeReply(prompt: string): ScriptedReply | undefined;
}

export type RouteHandler = (ctx: RouteContext) => HandlerResult | Promise<HandlerResult>;

export interface RouteOptions {
  /** The vendor's error body for a status (faults and handler errors use it). */
  errorBody?: (status: number, message: string) => unknown;
  /** Header carrying the request id in this vendor's responses. */
  requestIdHeader?: string;
}

export interface StandinOptions {
  /** Accepted credentials (bearer tokens or x-api-key values); empty accepts anything. */
  apiKeys?: string[];
  /** OAuth M2M clients: client id → secret. */
  oauthClients?: Record<string, string>;
  /** expires_in of issued OAuth tokens, in seconds. Default 3600. */
  tokenLifetimeSeconds?: number;
}

export interface Standin {
  url: string;
  options: StandinOptions;
  /** Every request received since start or the last reset, in order. */
  readonly requests: RecordedRequest[];
  /** Adds scripted replies. */
  script(...replies: ScriptedReply[]): void;
  /** Applies `fault` to the next `times` requests (optionally only those whose path matches). */
  injectFault(fault: Fault, options?: { times?: number; path?: string | RegExp }): void;
  route(method: string, pattern: string | RegExp, handler: RouteHandler, options?: RouteOptions): void;
  /** Registers the metadata GET /api/2.0/serving-endpoints/{name} answers with. */
  setServingEndpoint(name: string, info: ServingEndpointInfo): void;
  servingEndpoint(name: string): ServingEndpointInfo | undefined;
  /** Whether a bearer token or key is accepted (static keys or issued OAuth tokens). */
  isAuthorized(credential: string | undefined): boolean;
  /** Records a token issued by the OIDC handler so later calls accept it. */
  issueToken(token: string): void;
  /** Forgets requests (and restarts request ids), scripts, faults and issued tokens. Routes stay. */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  match: (path: string) => Record<string, string> | undefined;
  handler: RouteHandler;
  options: RouteOptions;
}

interface ScriptEntry {
  reply: ScriptedReply;
  remaining: number;
}

interface FaultEntry {
  fault: Fault;
  remaining: number;
  path?: string | RegExp;
}

const defaultErrorBody = (status: number, message: string) => ({ error: { message, status } });

export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];
  let scripts: ScriptEntry[] = [];
  let faults: FaultEntry[] = [];
  let issuedTokens = new Set<string>();
  const endpoints = new Map<string, ServingEndpointInfo>();
  let requestCounter = 0;

  const takeReply = (prompt: string): ScriptedReply | undefined => {
    const matched = scripts.find((entry) => entry.remaining > 0 && entry.reply.match !== undefined && matches(entry.reply.match, prompt));
    const entry = matched ?? scripts.find((e) => e.remaining > 0 && e.reply.match === undefined);
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.reply;
  };

  const takeFault = (path: string): Fault | undefined => {
    const entry = faults.find((f) => f.remaining > 0 && (f.path === undefined || matches(f.path, path)));
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.fault;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `stand-in failed: ${String(error)}` } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: lowerCaseHeaders(req),
      body: parseBody(rawBody, req.headers["content-type"]),
      rawBody,
    };
    requests.push(request);
    const requestId = `req_${++requestCounter}`;

    const route = findRoute(request);
    const routeOptions = route?.route.options ?? {};
    const idHeader = routeOptions.requestIdHeader ?? "x-request-id";
    const errorBody = routeOptions.errorBody ?? defaultErrorBody;

    const early = takeFault(request.path);
    if (early && (await applyBlockingFault(early, res, errorBody, idHeader, requestId))) return;

    if (!route) {
      send(res, { status: 404, json: errorBody(404, `stand-in has no route for ${request.method} ${request.path}`) }, idHeader, requestId);
      return;
    }
    const result = await route.route.handler({ request, params: route.params, standin, takeReply });
    if (result.fault && (await applyBlockingFault(result.fault, res, errorBody, idHeader, requestId))) return;
    send(res, result, idHeader, requestId, early ?? result.fault);
  }

  function findRoute(request: RecordedRequest) {
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const params = route.match(request.path);
      if (params) return { route, params };
    }
    return undefined;
  }

  /** Latency, drop and error-status faults; true when the response is already finished. */
  async function applyBlockingFault(
    fault: Fault,
    res: ServerResponse,
    errorBody: NonNullable<RouteOptions["errorBody"]>,
    idHeader: string,
    requestId: string,
  ): Promise<boolean> {
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.drop) {
      res.socket?.destroy();
      return true;
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
      const message = fault.message ?? `stand-in injected HTTP ${fault.status}`;
      send(res, { status: fault.status, headers, json: errorBody(fault.status, message) }, idHeader, requestId);
      return true;
    }
    return false;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const standin: Standin = {
    url: `http://127.0.0.1:${port}`,
    options,
    requests,
    script(...replies) {
      for (const reply of replies) scripts.push({ reply, remaining: reply.times ?? (reply.match === undefined ? 1 : Infinity) });
    },
    injectFault(fault, opts = {}) {
      faults.push({ fault, remaining: opts.times ?? 1, ...(opts.path === undefined ? {} : { path: opts.path }) });
    },
    route(method, pattern, handler, routeOptions = {}) {
      // Later registrations win, so a test can override a built-in handler.
      routes.unshift({ method: method.toUpperCase(), match: pathMatcher(pattern), handler, options: routeOptions });
    },
    setServingEndpoint(name, info) {
      endpoints.set(name, info);
    },
    servingEndpoint: (name) => endpoints.get(name),
    isAuthorized(credential) {
      const keys = options.apiKeys ?? [];
      if (keys.length === 0 && Object.keys(options.oauthClients ?? {}).length === 0) return true;
      return credential !== undefined && (keys.includes(credential) || issuedTokens.has(credential));
    },
    issueToken(token) {
      issuedTokens.add(token);
    },
    reset() {
      requests.length = 0;
      requestCounter = 0;
      scripts = [];
      faults = [];
      issuedTokens = new Set();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };

  registerOpenAI(standin);
  registerAnthropic(standin);
  registerOidc(standin);
  registerServingEndpoints(standin);
  return standin;
}

/** The bearer token or API key a request carries, whichever scheme it used. */
export function credentialOf(request: RecordedRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  return request.headers["x-api-key"] ?? request.headers["api-key"];
}

/** About four characters per token, like the real tokenizers on English text. */
export function approximateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function send(res: ServerResponse, result: HandlerResult, idHeader: string, requestId: string, fault?: Fault): void {
  const headers: Record<string, string> = { [idHeader]: requestId, ...result.headers };
  let payload: string;
  if (result.sse) {
    headers["content-type"] = "text/event-stream";
    payload = result.sse.map((event) => `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`).join("");
  } else if (result.json !== undefined) {
    headers["content-type"] ??= "application/json";
    payload = JSON.stringify(result.json);
  } else {
    payload = result.text ?? "";
  }
  if (fault?.truncate) payload = payload.slice(0, Math.floor(payload.length / 2));
  res.writeHead(result.status ?? 200, headers);
  if (!fault?.slowBodyMs) {
    res.end(payload);
    return;
  }
  void writeSlowly(res, payload, fault.slowBodyMs);
}

async function writeSlowly(res: ServerResponse, payload: string, pauseMs: number): Promise<void> {
  const pieces = 4;
  const size = Math.ceil(payload.length / pieces) || 1;
  for (let i = 0; i < payload.length; i += size) {
    if (res.destroyed) return;
    res.write(payload.slice(i, i + size));
    await delay(pauseMs);
  }
  if (!res.destroyed) res.end();
}

function matches(pattern: string | RegExp, text: string): boolean {
  return typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
}

/** "/api/2.0/serving-endpoints/:name" → params; a RegExp's named groups become params. */
function pathMatcher(pattern: string | RegExp): (path: string) => Record<string, string> | undefined {
  if (pattern instanceof RegExp) {
    return (path) => {
      const m = pattern.exec(path);
      return m ? { ...m.groups } : undefined;
    };
  }
  const parts = pattern.split("/");
  return (path) => {
    const segments = path.split("/");
    if (segments.length !== parts.length) return undefined;
    const params: Record<string, string> = {};
    for (const [i, part] of parts.entries()) {
      const segment = segments[i] ?? "";
      if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(segment);
      else if (part !== segment) return undefined;
    }
    return params;
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === "") return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
