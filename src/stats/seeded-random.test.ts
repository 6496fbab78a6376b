import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./seeded-random.js";

const draw = (seed: number, count: number) => {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => random.int(0, 9));
};

describe("createSeededRandom", () => {
  it("gives the same stream for the same seed and a different one for another seed", () => {
    expect(draw(7, 50)).toEqual(draw(7, 50));
    expect(draw(7, 50)).not.toEqual(draw(8, 50));
  });

  it("stays within [from, to] and reaches both ends", () => {
    const values = draw(1, 2000);
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBe(9);
  });

  it("accepts seeds beyond 32 bits and rejects non-integers", () => {
    expect(draw(2 ** 40 + 3, 5)).toEqual(draw(2 ** 40 + 3, 5));
    expect(() => createSeededRandom(1.5)).toThrow(new RangeError("seed must be an integer, received 1.5"));
  });
});
