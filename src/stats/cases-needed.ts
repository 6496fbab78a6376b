import { normalQuantile } from "./normal-quantile.js";

export interface CasesNeededOptions {
  /** SD of the per-case paired differences, as observed. */
  standardDeviation: number;
  /** The smallest difference worth detecting (the gate's max_regression), > 0. */
  delta: number;
  /** Two-sided confidence level of the comparison; default 0.95. */
  confidence?: number;
  /** Probability of detecting a true difference of delta; default 0.8. */
  power?: number;
}

/**
 * How many cases a paired comparison needs to detect a difference of `delta`
 * at the observed spread: n = ((z_{1−α/2} + z_{power}) · σ_d / δ)², rounded up
 * (Miller 2024, "Adding Error Bars to Evals", §5, power analysis with paired
 * differences). At least 2: one case cannot estimate a spread.
 */
export function casesNeeded(options: CasesNeededOptions): number {
  const { standardDeviation, delta } = options;
  if (!(delta > 0)) throw new RangeError(`delta must be positive, received ${delta}`);
  if (!(standardDeviation >= 0)) throw new RangeError(`standardDeviation must be non-negative, received ${standardDeviation}`);
  const confidence = options.confidence ?? 0.95;
  const power = options.power ?? 0.8;
  const z = normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power);
  return Math.max(2, Math.ceil(((z * standardDeviation) / delta) ** 2));
}
