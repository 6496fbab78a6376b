import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";

function fakeClock() {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

describe("rate limiter", () => {
  it("lets a full minute's budget through, then paces by the refill rate", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 60 }, clock);
    for (let i = 0; i < 62; i++) await limiter.acquire(0);
    // 60 fit the full bucket; each further request waits 1 s (60 per minute).
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it("charges tokens against tokensPerMinute", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ tokensPerMinute: 6000 }, clock);
    await limiter.acquire(6000);
    await limiter.acquire(1500);
    // 1500 tokens at 100 tokens/s refill take 15 s.
    expect(clock.sleeps).toEqual([15_000]);
  });

  it("lets a request larger than a minute's budget through once the bucket is full", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ tokensPerMinute: 1000 }, clock);
    await limiter.acquire(50_000);
    await limiter.acquire(50_000);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it("stops waiting when the signal aborts", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 1 }, clock);
    await limiter.acquire(0);
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(limiter.acquire(0, controller.signal)).rejects.toThrow("cancelled");
  });
});
