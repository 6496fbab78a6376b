/**
 * The proxy's defaults, apart from the proxy itself: the CLI shows them in
 * `evalgate guard serve --help` without loading the guardrails.
 */

/** The one variable the upstream credential is read from (sent as `Authorization: Bearer …`). */
export const UPSTREAM_API_KEY_ENV = "EVALGATE_UPSTREAM_API_KEY";

export const GUARD_PROXY_DEFAULTS = {
  host: "127.0.0.1",
  port: 8787,
  checkEvery: 8,
  holdBackChars: 64,
  maxBodyBytes: 4 * 1024 * 1024,
  /** Covers a whole streamed answer, not only its first byte. */
  timeoutMs: 600_000,
  /** Upstream requests in flight at once; above it they queue in the proxy. */
  maxConcurrency: 256,
} as const;
