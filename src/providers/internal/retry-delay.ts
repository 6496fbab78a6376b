/** HTTP statuses worth another attempt: timeouts, lock conflicts, rate limits and server faults. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait a server asked for, in ms: `retry-after-ms` first (OpenAI's finer
 * header), then `Retry-After` as seconds or an HTTP date. Undefined when absent
 * or unreadable, so the caller falls back to backoff.
 */
export function serverRetryDelayMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get("retry-after");
  if (after === null || after.trim() === "") return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter (uniform in [0, base·2^(retry-1)]), so
 * many clients hit by the same outage do not retry in lockstep. `retry` is 1 for
 * the first retry. A server-given delay wins, capped at `maxDelayMs`.
 */
export function retryDelayMs(retry: number, policy: BackoffPolicy, random: () => number, serverDelayMs?: number): number {
  if (serverDelayMs !== undefined) return Math.min(serverDelayMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return random() * ceiling;
}
