import { describe, expect, it } from "vitest";
import { isRetryableStatus, retryDelayMs, serverRetryDelayMs } from "./retry-delay.js";

describe("isRetryableStatus", () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])("%i → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe("serverRetryDelayMs", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");
  it.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after-ms": "250" }, 250],
    [{ "retry-after-ms": "250", "retry-after": "9" }, 250],
    // RFC 9110 §10.2.3: an HTTP date; 12:00:30 is 30 s after `now`.
    [{ "retry-after": "Sun, 01 Jun 2025 12:00:30 GMT" }, 30_000],
    [{ "retry-after": "Sun, 01 Jun 2025 11:00:00 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "-3" }, undefined],
    [{}, undefined],
  ])("%j → %s", (headers, expected) => {
    expect(serverRetryDelayMs(new Headers(headers), now)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 8000 };
  it("draws uniformly below a ceiling that doubles per retry and stops at the cap", () => {
    const top = () => 1 - Number.EPSILON;
    expect([1, 2, 3, 4, 5, 6].map((retry) => Math.round(retryDelayMs(retry, policy, top)))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("uses the server's delay, capped", () => {
    expect(retryDelayMs(1, policy, () => 0.5, 3000)).toBe(3000);
    expect(retryDelayMs(1, policy, () => 0.5, 120_000)).toBe(8000);
  });
});
