export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Waits until a request of about `tokens` tokens fits the per-minute budgets. */
export interface RateLimiter {
  acquire(tokens: number, signal?: AbortSignal): Promise<void>;
}

interface Bucket {
  capacity: number;
  level: number;
  perMs: number;
}

/**
 * Token buckets that start full and refill continuously, one for requests and
 * one for tokens. Callers are served in arrival order so a large request is not
 * starved by a stream of small ones.
 */
export function createRateLimiter(limits: RateLimits, clock: Clock): RateLimiter {
  const buckets = {
    requests: limits.requestsPerMinute ? bucket(limits.requestsPerMinute) : undefined,
    tokens: limits.tokensPerMinute ? bucket(limits.tokensPerMinute) : undefined,
  };
  let last = clock.now();
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const now = clock.now();
    const elapsed = Math.max(0, now - last);
    last = now;
    for (const b of [buckets.requests, buckets.tokens]) if (b) b.level = Math.min(b.capacity, b.level + elapsed * b.perMs);
  };

  const take = async (tokens: number, signal?: AbortSignal) => {
    // A request bigger than a whole minute's budget would wait forever; let it through once the bucket is full.
    const wanted = buckets.tokens ? Math.min(tokens, buckets.tokens.capacity) : 0;
    for (;;) {
      signal?.throwIfAborted();
      refill();
      const waits = [deficitMs(buckets.requests, 1), deficitMs(buckets.tokens, wanted)];
      const wait = Math.max(...waits);
      if (wait <= 0) {
        if (buckets.requests) buckets.requests.level -= 1;
        if (buckets.tokens) buckets.tokens.level -= wanted;
        return;
      }
      await clock.sleep(wait, signal);
    }
  };

  return {
    acquire(tokens, signal) {
      if (!buckets.requests && !buckets.tokens) return Promise.resolve();
      const turn = queue.then(() => take(tokens, signal));
      queue = turn.catch(() => {});
      return turn;
    },
  };
}

function bucket(perMinute: number): Bucket {
  return { capacity: perMinute, level: perMinute, perMs: perMinute / 60_000 };
}

function deficitMs(b: Bucket | undefined, amount: number): number {
  if (!b || b.level >= amount) return 0;
  return (amount - b.level) / b.perMs;
}
