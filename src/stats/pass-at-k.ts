import { requireCount } from "./internal/require.js";

/**
 * pass@k: the probability that at least one of k trials drawn without
 * replacement from n recorded trials (c of them passing) passes. This is the
 * unbiased estimator 1 − C(n−c, k) / C(n, k) of Chen et al. 2021, "Evaluating
 * Large Language Models Trained on Code", computed as their numerically stable
 * product 1 − ∏_{i=n−c+1..n} (1 − k/i) so that large n never overflows.
 */
export function passAtK(n: number, c: number, k: number): number {
  requireTrials(n, c, k);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/**
 * pass^k: the probability that all k trials drawn without replacement from n
 * recorded trials (c passing) pass, C(c, k) / C(n, k) — the reliability metric
 * of τ-bench (Yao et al. 2024, "τ-bench: A Benchmark for Tool-Agent-User
 * Interaction in Real-World Domains"). Computed as ∏_{i=0..k−1} (c−i)/(n−i).
 */
export function passHatK(n: number, c: number, k: number): number {
  requireTrials(n, c, k);
  if (c < k) return 0;
  let allPass = 1;
  for (let i = 0; i < k; i++) allPass *= (c - i) / (n - i);
  return allPass;
}

function requireTrials(n: number, c: number, k: number): void {
  requireCount("n", n);
  requireCount("c", c);
  requireCount("k", k);
  if (c > n) throw new RangeError(`c (${c} passing trials) must not exceed n (${n} trials)`);
  if (k < 1 || k > n) throw new RangeError(`k must be between 1 and n (${n}), received ${k}`);
}
