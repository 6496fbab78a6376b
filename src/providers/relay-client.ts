import { Pool, type Dispatcher } from "undici";
import { ProviderConnectionError, ProviderTimeoutError } from "./errors.js";
import { describeEndpoint } from "./internal/redact.js";

/**
 * HTTP for relaying another client's chat completion (the guard proxy): one
 * attempt, no retries (the client's SDK retries, honouring the relayed
 * Retry-After), error statuses returned as they are. It is built on undici's
 * Pool rather than `fetch`, which the transport uses: a relay handles every
 * request of its clients, and fetch's Request/Response/web-stream layers cost
 * more CPU per request than the guards do; a Pool's `request` hands back a
 * Node stream over a kept-alive connection.
 */
export interface RelayClientOptions {
  /** Where every call goes, e.g. https://host/v1/chat/completions (query kept). */
  url: string | URL;
  /** Connections at once; requests beyond them wait in the pool. */
  maxConnections: number;
  /** Limit of one call, body included, in ms. */
  timeoutMs: number;
}

export interface RelayResponse {
  status: number;
  /** Lower-case names; repeated headers as arrays. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as it arrives; read it (or `text()`) once. The time limit ends when it closes. */
  body: AsyncIterable<Uint8Array> & { text(): Promise<string> };
}

export interface RelayClient {
  post(body: string, headers: Record<string, string>, signal: AbortSignal): Promise<RelayResponse>;
  close(): Promise<void>;
}

export function createRelayClient(options: RelayClientOptions): RelayClient {
  const url = new URL(options.url);
  const path = `${url.pathname}${url.search}`;
  const endpoint = describeEndpoint(url);
  const pool = new Pool(url.origin, {
    connections: options.maxConnections,
    // The call's own timer covers the whole answer; undici's idle limits would cut a slow stream sooner.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return {
    async post(body, headers, signal) {
      const controller = new AbortController();
      // Made when it happens: an error's stack trace is not free, and most calls end in time.
      let timedOut: ProviderTimeoutError | undefined;
      const timer = setTimeout(() => controller.abort((timedOut = new ProviderTimeoutError(options.timeoutMs, endpoint))), options.timeoutMs);
      const forward = () => controller.abort(signal.reason);
      if (signal.aborted) forward();
      else signal.addEventListener("abort", forward, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", forward);
      };
      let response: Dispatcher.ResponseData;
      try {
        response = await pool.request({ path, method: "POST", headers, body, signal: controller.signal });
      } catch (error) {
        done();
        if (timedOut !== undefined) throw timedOut;
        if (signal.aborted) throw signal.reason;
        throw new ProviderConnectionError(`Could not reach ${endpoint}: ${(error as Error).message}`, { cause: error });
      }
      response.body.once("close", done);
      return { status: response.statusCode, headers: response.headers, body: response.body };
    },
    close: () => pool.close(),
  };
}
