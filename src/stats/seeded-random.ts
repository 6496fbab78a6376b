import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A reproducible stream of integers: the same seed gives the same stream on every machine and Node version. */
export interface SeededRandom {
  /** A uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
}

/**
 * Seeded generator for resampling and splitting. Math.random cannot be
 * seeded, and a bootstrap interval or a train/dev/test split that changes
 * from one invocation to the next cannot be reviewed or reproduced.
 * xoroshiro128+ is fast and passes BigCrush apart from its lowest bits,
 * which uniformInt does not rely on alone.
 */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, received ${seed}`);
  // xoroshiro128plus takes a 32-bit seed; fold larger ones so every integer seed is accepted.
  const generator = xoroshiro128plus((seed ^ Math.floor(seed / 2 ** 32)) | 0);
  return { int: (from, to) => uniformInt(generator, from, to) };
}
