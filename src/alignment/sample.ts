import { createSeededRandom, type SeededRandom } from "../stats/index.js";
import { largestRemainder } from "./internal/largest-remainder.js";

export interface SampleOptions<T> {
  seed: number;
  /** Allocate the sample across these groups in proportion to their size. */
  stratum?: (item: T) => string;
  /** Items to take first within each group (e.g. where the judge disagrees with a check). */
  preferred?: (item: T) => boolean;
}

/**
 * A reproducible sample of n items without replacement. Strata get shares
 * by largest remainder, so a rare tag is not left out by chance; within a
 * stratum preferred items come first, then a seeded shuffle decides.
 */
export function sampleItems<T>(items: readonly T[], n: number, options: SampleOptions<T>): T[] {
  if (n >= items.length) return [...items];
  const random = createSeededRandom(options.seed);
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = options.stratum?.(item) ?? "";
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const keys = [...groups.keys()].sort();
  const shares = largestRemainder(n, keys.map((key) => groups.get(key)!.length));

  return keys.flatMap((key, index) => {
    const group = shuffle(groups.get(key)!, random);
    const preferred = options.preferred;
    const ordered = preferred ? [...group.filter(preferred), ...group.filter((item) => !preferred(item))] : group;
    return ordered.slice(0, shares[index]);
  });
}

function shuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
