import { describe, expect, it } from "vitest";
import { passAtK, passHatK } from "./pass-at-k.js";

// Reference values from Python 3.11 math.comb:
//   pass@k = 1 - comb(n - c, k) / comb(n, k)
//   pass^k = comb(c, k) / comb(n, k)
const cases: Array<[n: number, c: number, k: number, passAt: number, passHat: number]> = [
  [10, 3, 1, 0.30000000000000004, 0.3],
  [10, 3, 2, 0.5333333333333333, 0.06666666666666667],
  [10, 3, 5, 0.9166666666666666, 0],
  [10, 0, 3, 0, 0],
  [10, 10, 3, 1, 1],
  [10, 7, 3, 0.9916666666666667, 0.2916666666666667],
  [5, 2, 3, 0.9, 0],
  [5, 4, 3, 1, 0.4],
  [3, 1, 3, 1, 0],
  [3, 2, 2, 1, 0.3333333333333333],
  [3, 3, 3, 1, 1],
  [200, 13, 10, 0.4975511147306061, 1.2738851058221087e-14],
  [200, 150, 10, 0.9999995424579663, 0.05209362940404299],
  [100, 50, 50, 1, 9.911653021418339e-30],
];

describe("passAtK", () => {
  it.each(cases)("matches 1 - C(n-c,k)/C(n,k) for n=%i c=%i k=%i", (n, c, k, expected) => {
    expect(passAtK(n, c, k)).toBeCloseTo(expected, 12);
  });

  it("equals the plain pass rate at k = 1", () => {
    expect(passAtK(8, 5, 1)).toBeCloseTo(5 / 8, 12);
  });
});

describe("passHatK", () => {
  it.each(cases)("matches C(c,k)/C(n,k) for n=%i c=%i k=%i", (n, c, k, _passAt, expected) => {
    // Relative comparison: some references are around 1e-30.
    expect(passHatK(n, c, k)).toBeCloseTo(expected, 12);
    if (expected > 0) expect(passHatK(n, c, k) / expected).toBeCloseTo(1, 12);
  });

  it("never exceeds pass@k", () => {
    for (const [n, c, k] of cases) expect(passHatK(n, c, k)).toBeLessThanOrEqual(passAtK(n, c, k));
  });
});

describe("trial-count validation", () => {
  it.each([
    [3, 4, 1, "c (4 passing trials) must not exceed n (3 trials)"],
    [3, 1, 0, "k must be between 1 and n (3), received 0"],
    [3, 1, 4, "k must be between 1 and n (3), received 4"],
    [3, 1.5, 1, "c must be a non-negative integer, received 1.5"],
  ])("rejects n=%f c=%f k=%f", (n, c, k, message) => {
    expect(() => passAtK(n, c, k)).toThrow(new RangeError(message));
    expect(() => passHatK(n, c, k)).toThrow(new RangeError(message));
  });
});
