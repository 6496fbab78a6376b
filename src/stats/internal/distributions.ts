import { createRequire } from "node:module";

/** The few jStat distribution functions evalgate uses (jStat ships no types). */
interface JStat {
  studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
  binomial: { cdf(k: number, n: number, p: number): number };
}

const { jStat } = createRequire(import.meta.url)("jstat") as { jStat: JStat };

/** Quantile of Student's t with `dof` degrees of freedom. */
export function studentTQuantile(p: number, dof: number): number {
  return jStat.studentt.inv(p, dof);
}

/** P(T ≤ x) for Student's t with `dof` degrees of freedom. */
export function studentTCdf(x: number, dof: number): number {
  return jStat.studentt.cdf(x, dof);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  return jStat.binomial.cdf(k, n, p);
}
