import pLimit, { type LimitFunction } from "p-limit";

/**
 * Concurrency limits keyed by host. One registry is shared by every provider
 * and target in the process, so a judge and a target calling the same API
 * together still respect one ceiling.
 */
export interface HostLimits {
  /** Runs `fn` once a slot for `host` is free. */
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
  /** Sets the ceiling for one host (e.g. from the `providers:` block). */
  setLimit(host: string, concurrency: number): void;
}

export const DEFAULT_HOST_CONCURRENCY = 16;

export function createHostLimits(defaultConcurrency = DEFAULT_HOST_CONCURRENCY): HostLimits {
  const limits = new Map<string, LimitFunction>();
  const limitFor = (host: string): LimitFunction => {
    let limit = limits.get(host);
    if (!limit) {
      limit = pLimit(defaultConcurrency);
      limits.set(host, limit);
    }
    return limit;
  };
  return {
    run: (host, fn) => limitFor(host)(fn),
    setLimit(host, concurrency) {
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`Per-host concurrency for ${host} must be a positive integer, got ${concurrency}.`);
      }
      limitFor(host).concurrency = concurrency;
    },
  };
}

/** The process-wide registry used unless a transport is given its own. */
export const sharedHostLimits: HostLimits = createHostLimits();
