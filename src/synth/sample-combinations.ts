import { createSeededRandom, type SeededRandom } from "../stats/index.js";

/** One drawn combination: a value of every dimension. */
export interface Combination {
  /** Dimension name → value, in dimension order. */
  values: Record<string, string>;
  /** The values joined with "." in dimension order, e.g. "new-customer.refund.late-delivery". */
  key: string;
  /** 0 the first time this combination is drawn, 1 the second, … (n larger than the product). */
  occurrence: number;
}

export interface SampleDimension {
  name: string;
  values: readonly string[];
}

/** Beyond this many combinations the fallback scan of every combination is refused rather than left to run for minutes. */
const MAX_SCAN = 200_000;

/**
 * A seeded, balanced sample of `n` combinations of the dimensions' values.
 * With n ≥ the full product, every combination is drawn ⌊n/P⌋ times first;
 * the rest (or, with n < P, all of it) are distinct combinations drawn
 * greedily so that each step takes, in every dimension, a value drawn least
 * so far (ties broken at random), which keeps each dimension's value counts
 * within one of each other. The same seed gives the same sample.
 */
export function sampleCombinations(dimensions: readonly SampleDimension[], n: number, seed: number): Combination[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, received ${n}`);
  const random = createSeededRandom(seed);
  const sizes = dimensions.map((d) => d.values.length);
  const product = sizes.reduce((a, b) => a * b, 1);
  const drawn: number[][] = [];
  const rounds = Math.floor(n / product);
  for (let round = 0; round < rounds; round++) drawn.push(...shuffle(allCombinations(sizes), random));
  drawn.push(...balancedDistinct(sizes, n - rounds * product, random));

  const seen = new Map<string, number>();
  return drawn.map((indexes) => {
    const values = Object.fromEntries(dimensions.map((d, i) => [d.name, d.values[indexes[i]!]!]));
    const key = dimensions.map((d, i) => d.values[indexes[i]!]).join(".");
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { values, key, occurrence };
  });
}

/** How many partial samples the balanced search may try before settling for the greedy draw. */
const SEARCH_BUDGET = 20_000;

function balancedDistinct(sizes: readonly number[], count: number, random: SeededRandom): number[][] {
  const product = sizes.reduce((a, b) => a * b, 1);
  if (count > product / 2) {
    // The full product is perfectly balanced, so leaving out a balanced few keeps the rest
    // balanced, and a few is far easier to find than most of the product.
    const left = new Set(balancedDistinct(sizes, product - count, random).map((c) => c.join(",")));
    return shuffle(allCombinations(sizes).filter((c) => !left.has(c.join(","))), random);
  }
  const counts = sizes.map((size) => new Array<number>(size).fill(0));
  const used = new Set<string>();
  const picked: number[][] = [];
  const take = (combination: number[]) => {
    used.add(combination.join(","));
    combination.forEach((value, d) => counts[d]![value]!++);
    picked.push(combination);
  };
  const untake = () => {
    const combination = picked.pop()!;
    used.delete(combination.join(","));
    combination.forEach((value, d) => counts[d]![value]!--);
  };
  // Depth-first: each step takes, in every dimension, a value drawn least so far; a step
  // with no such combination left undone backs up. Greedy alone gets stuck at times
  // (12 of 3×3×2 leaves one value drawn twice more than another in about 1 seed in 5).
  let budget = SEARCH_BUDGET;
  const search = (): boolean => {
    if (picked.length === count) return true;
    const least = counts.map((c) => shuffle(indexesOf(c, Math.min(...c)), random));
    for (const combination of unusedOf(least, used)) {
      if (--budget < 0) return false;
      take(combination);
      if (search()) return true;
      untake();
    }
    return false;
  };
  if (search()) return picked;
  // Out of budget (very large designs): the greedy draw, least-drawn values first.
  while (picked.length > 0) untake();
  for (let step = 0; step < count; step++) {
    const least = counts.map((c) => shuffle(indexesOf(c, Math.min(...c)), random));
    take(unusedOf(least, used).next().value ?? cheapestUnused(sizes, counts, used, random));
  }
  return picked;
}

/** The combinations of the candidate lists (odometer order) not drawn yet. */
function* unusedOf(candidates: readonly number[][], used: ReadonlySet<string>): Generator<number[], undefined> {
  const position = candidates.map(() => 0);
  for (;;) {
    const combination = position.map((p, d) => candidates[d]![p]!);
    if (!used.has(combination.join(","))) yield combination;
    let d = candidates.length - 1;
    while (d >= 0 && ++position[d]! === candidates[d]!.length) position[d--] = 0;
    if (d < 0) return undefined;
  }
}

/** Rarely needed: every least-drawn combination is taken; take the unused one whose values were drawn least in total. */
function cheapestUnused(sizes: readonly number[], counts: readonly number[][], used: ReadonlySet<string>, random: SeededRandom): number[] {
  const product = sizes.reduce((a, b) => a * b, 1);
  if (product > MAX_SCAN) throw new RangeError(`the dimensions have ${product} combinations; sample at most ${MAX_SCAN}`);
  let best: number[][] = [];
  let bestCost = Infinity;
  for (const combination of allCombinations(sizes)) {
    if (used.has(combination.join(","))) continue;
    const cost = combination.reduce((sum, value, d) => sum + counts[d]![value]!, 0);
    if (cost < bestCost) [best, bestCost] = [[combination], cost];
    else if (cost === bestCost) best.push(combination);
  }
  return best[random.int(0, best.length - 1)]!;
}

function allCombinations(sizes: readonly number[]): number[][] {
  let combinations: number[][] = [[]];
  for (const size of sizes) combinations = combinations.flatMap((prefix) => Array.from({ length: size }, (_, v) => [...prefix, v]));
  return combinations;
}

function indexesOf(values: readonly number[], target: number): number[] {
  return values.flatMap((value, index) => (value === target ? [index] : []));
}

/** Fisher–Yates with the seeded generator. */
function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
