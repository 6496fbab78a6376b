import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EvalgateError } from "../../errors.js";
import { createRelayClient } from "../../providers/index.js";
import type { Guardrails } from "../types.js";
import { handleChat, type ChatHandlerContext } from "./internal/handle-chat.js";
import { openAIError, sendJson } from "./internal/http-io.js";
import type { ProxyLogEntry } from "./log-entry.js";
import { GUARD_PROXY_DEFAULTS, UPSTREAM_API_KEY_ENV } from "./defaults.js";

export { GUARD_PROXY_DEFAULTS, UPSTREAM_API_KEY_ENV };

export interface GuardProxyOptions {
  guardrails: Guardrails;
  /** OpenAI-compatible base URL (what an OpenAI SDK takes as baseURL); requests go to `<upstream>/chat/completions`. */
  upstream: string;
  /** Streaming: run the output guards every this many content chunks. Default 8. */
  checkEvery?: number;
  /** Streaming: characters kept back after each check until the next one sees them in context. Default 64. */
  holdBackChars?: number;
  /** Where EVALGATE_UPSTREAM_API_KEY is read. Default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Largest request body accepted, in bytes. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Time limit of one upstream call, body included, in ms. Default 600 000. */
  timeoutMs?: number;
  /** Upstream requests in flight at once. Default 256. */
  maxConcurrency?: number;
  /** Receives one entry per request: decisions, outcome and timing, never message text or credentials. */
  log?: (entry: ProxyLogEntry) => void;
}

export interface StartedGuardProxy {
  server: Server;
  /** e.g. http://127.0.0.1:8787 (clients use `${url}/v1` as their base URL). */
  url: string;
  close(): Promise<void>;
}

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new EvalgateError("CONFIG_INVALID", `Guard proxy option ${name} must be a whole number ≥ ${min}, received ${value}.`);
  return value;
}

/** `<base>/chat/completions`, keeping the base's query (e.g. an api-version). */
function chatCompletionsUrl(upstream: string): URL {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new EvalgateError("CONFIG_INVALID", `The upstream "${upstream}" is not a URL; give an OpenAI-compatible base URL such as https://api.openai.com/v1`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EvalgateError("CONFIG_INVALID", `The upstream must be an http(s) URL, received ${url.protocol}//…`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/chat/completions`;
  return url;
}

/**
 * An OpenAI-compatible HTTP server that puts guardrails in front of an
 * upstream model: POST /v1/chat/completions only. Every other path answers
 * 404, since passing unguarded endpoints through (completions, responses,
 * embeddings) would be a way around the guards.
 */
export function createGuardProxy(options: GuardProxyOptions): Server {
  const env = options.env ?? process.env;
  let requests = 0;
  const ctx: ChatHandlerContext = {
    guardrails: options.guardrails,
    // One attempt: the client's SDK retries, honouring the relayed Retry-After.
    upstream: createRelayClient({
      url: chatCompletionsUrl(options.upstream),
      timeoutMs: wholeNumber("timeoutMs", options.timeoutMs ?? GUARD_PROXY_DEFAULTS.timeoutMs, 1),
      maxConnections: wholeNumber("maxConcurrency", options.maxConcurrency ?? GUARD_PROXY_DEFAULTS.maxConcurrency, 1),
    }),
    apiKey: env[UPSTREAM_API_KEY_ENV] || undefined,
    checkEvery: wholeNumber("checkEvery", options.checkEvery ?? GUARD_PROXY_DEFAULTS.checkEvery, 1),
    holdBackChars: wholeNumber("holdBackChars", options.holdBackChars ?? GUARD_PROXY_DEFAULTS.holdBackChars, 0),
    maxBodyBytes: wholeNumber("maxBodyBytes", options.maxBodyBytes ?? GUARD_PROXY_DEFAULTS.maxBodyBytes, 1),
    log: options.log ?? (() => {}),
    nextRequestId: () => `req-${++requests}`,
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://proxy").pathname.replace(/\/+$/, "");
    if (path !== "/v1/chat/completions") {
      sendJson(res, 404, openAIError(`no route for ${req.method} ${path || "/"}; only POST /v1/chat/completions is served.`, "not_found_error"));
      return;
    }
    if (req.method !== "POST") {
      sendJson(res, 405, openAIError(`${req.method} is not allowed here; use POST.`, "invalid_request_error"), { allow: "POST" });
      return;
    }
    handleChat(ctx, req, res).catch((error: unknown) => {
      // A guard stage that throws is a bug or a broken guard: fail closed, nothing reaches the upstream or the client.
      const message = `guardrails failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendJson(res, 500, openAIError(message, "guardrail_error"));
      else res.end();
    });
  });
  server.on("close", () => void ctx.upstream.close());
  return server;
}

/** Creates the proxy and listens, on 127.0.0.1 unless told otherwise (port 0 picks a free one). */
export async function startGuardProxy(options: GuardProxyOptions & { host?: string; port?: number }): Promise<StartedGuardProxy> {
  const server = createGuardProxy(options);
  const host = options.host ?? GUARD_PROXY_DEFAULTS.host;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? GUARD_PROXY_DEFAULTS.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const shown = address.includes(":") ? `[${address}]` : address;
  return {
    server,
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
