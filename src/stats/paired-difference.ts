import { studentTCdf, studentTQuantile } from "./internal/distributions.js";
import { requireOpenUnit } from "./internal/require.js";
import { mean, variance } from "./moments.js";
import { percentile } from "./percentile.js";
import { createSeededRandom } from "./seeded-random.js";

export type PairedMethod = "paired-t" | "paired-bootstrap";

export interface PairedDifferenceOptions {
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** Default "paired-t". */
  method?: PairedMethod;
  /** Bootstrap only: the seed, so the same data give the same interval. Default 1. */
  seed?: number;
  /** Bootstrap only: how many resamples of the cases. Default 10,000. */
  resamples?: number;
}

export interface PairedDifference {
  /** Mean over cases of (candidate − baseline); null when there are no cases. */
  estimate: number | null;
  low: number;
  high: number;
  cases: number;
  method: PairedMethod;
  /** Standard error of the mean difference (sample SD / √cases); null below 2 cases. */
  standard_error: number | null;
  /** Sample SD of the per-case differences; null below 2 cases. */
  standard_deviation: number | null;
}

const DEFAULT_RESAMPLES = 10_000;
const DEFAULT_SEED = 1;

/**
 * The difference between two runs paired by case: each element is one case's
 * candidate pass rate minus its baseline pass rate (the case-level means of
 * Miller 2024, §4, "paired differences"), so whatever makes a case hard on
 * both sides cancels out.
 *
 * "paired-t": mean ± t(cases − 1) · SD / √cases, Student's t rather than the
 * normal quantile so that a handful of cases gets the wide interval it
 * deserves. "paired-bootstrap": the percentile interval of the mean over
 * case resamples, seeded and deterministic. Bounds are clamped to [−1, 1];
 * fewer than two cases give [−1, 1]: nothing is known.
 */
export function pairedDifference(differences: readonly number[], options: PairedDifferenceOptions = {}): PairedDifference {
  const confidence = options.confidence ?? 0.95;
  requireOpenUnit("confidence", confidence);
  const method = options.method ?? "paired-t";
  const cases = differences.length;
  if (cases === 0) return { estimate: null, low: -1, high: 1, cases, method, standard_error: null, standard_deviation: null };
  const estimate = mean(differences)!;
  if (cases === 1) return { estimate, low: -1, high: 1, cases, method, standard_error: null, standard_deviation: null };

  const standardDeviation = Math.sqrt(variance(differences)!);
  const standardError = standardDeviation / Math.sqrt(cases);
  const shared = { estimate, cases, method, standard_error: standardError, standard_deviation: standardDeviation };
  if (method === "paired-bootstrap") {
    const means = bootstrapMeans(differences, options.seed ?? DEFAULT_SEED, options.resamples ?? DEFAULT_RESAMPLES);
    const tail = (1 - confidence) / 2;
    return { ...shared, low: clampUnit(percentile(means, 100 * tail)!), high: clampUnit(percentile(means, 100 * (1 - tail))!) };
  }
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, cases - 1) * standardError;
  return { ...shared, low: clampUnit(estimate - halfWidth), high: clampUnit(estimate + halfWidth) };
}

/**
 * One-sided p-value for "the true difference is at least `threshold`" against
 * "it is below": small means the data show a drop past the threshold. It
 * agrees with the interval: p < (1 − confidence)/2 exactly when the interval's
 * upper bound is below the threshold.
 */
export function pValueBelow(differences: readonly number[], threshold: number, options: PairedDifferenceOptions = {}): number {
  const cases = differences.length;
  if (cases < 2) return 1;
  const estimate = mean(differences)!;
  if ((options.method ?? "paired-t") === "paired-bootstrap") {
    const means = bootstrapMeans(differences, options.seed ?? DEFAULT_SEED, options.resamples ?? DEFAULT_RESAMPLES);
    const atOrAbove = means.filter((m) => m >= threshold).length;
    return (atOrAbove + 1) / (means.length + 1);
  }
  const standardError = Math.sqrt(variance(differences)! / cases);
  if (standardError === 0) return estimate < threshold ? 0 : 1;
  return studentTCdf((estimate - threshold) / standardError, cases - 1);
}

/** Means of `resamples` case resamples (with replacement). */
function bootstrapMeans(values: readonly number[], seed: number, resamples: number): number[] {
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, received ${resamples}`);
  const random = createSeededRandom(seed);
  const n = values.length;
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[random.int(0, n - 1)]!;
    means[r] = sum / n;
  }
  return means;
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(-1, value));
}
