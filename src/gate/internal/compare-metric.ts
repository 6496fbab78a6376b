import { clusteredProportion, mcnemarExact, pairedDifference, type PairedMethod } from "../../stats/index.js";
import type { MetricComparison, RegressedCase, SideRate } from "../gate-result-schema.js";
import type { CaseTally, MetricTable } from "./case-metrics.js";

export interface CompareOptions {
  confidence: number;
  method: PairedMethod;
  seed: number;
  resamples: number;
}

/** The per-case differences a comparison was computed from; rules reuse them for p-values. */
export interface ComparedMetric {
  comparison: MetricComparison;
  differences: number[];
}

const EMPTY: CaseTally = { passed: 0, failed: 0, errors: 0, reasons: [] };

/**
 * Compares one metric on the shared cases: each side's clustered pass rate,
 * and the paired difference over the cases scored on both sides.
 */
export function compareMetric(
  baseline: MetricTable | undefined,
  candidate: MetricTable | undefined,
  sharedCases: readonly string[],
  options: CompareOptions,
): ComparedMetric {
  const id = (candidate ?? baseline)!.id;
  const kind = (candidate ?? baseline)!.kind;
  const pairs = sharedCases.map((caseId) => ({
    caseId,
    baseline: baseline?.byCase.get(caseId) ?? EMPTY,
    candidate: candidate?.byCase.get(caseId) ?? EMPTY,
  }));
  const paired = pairs.filter((p) => scored(p.baseline) > 0 && scored(p.candidate) > 0);
  const differences = paired.map((p) => rateOf(p.candidate) - rateOf(p.baseline));
  const difference = pairedDifference(differences, { confidence: options.confidence, method: options.method, seed: options.seed, resamples: options.resamples });

  const comparison: MetricComparison = {
    id,
    kind,
    baseline: sideRate(pairs.map((p) => p.baseline), options.confidence),
    candidate: sideRate(pairs.map((p) => p.candidate), options.confidence),
    difference: {
      estimate: difference.estimate,
      low: difference.low,
      high: difference.high,
      cases: difference.cases,
      method: difference.method,
      standard_deviation: difference.standard_deviation,
    },
    paired_case_ids: paired.map((p) => p.caseId),
    newly_failing_cases: regressed(paired),
  };
  if (paired.length > 0 && paired.every((p) => scored(p.baseline) === 1 && scored(p.candidate) === 1)) {
    const baselineOnly = paired.filter((p) => p.baseline.passed === 1 && p.candidate.passed === 0).length;
    const candidateOnly = paired.filter((p) => p.baseline.passed === 0 && p.candidate.passed === 1).length;
    comparison.p_value = mcnemarExact(baselineOnly, candidateOnly);
    comparison.mcnemar = { baseline_only_passed: baselineOnly, candidate_only_passed: candidateOnly };
  }
  return { comparison, differences };
}

function sideRate(tallies: readonly CaseTally[], confidence: number): SideRate {
  const interval = clusteredProportion(
    tallies.map((t) => ({ passed: t.passed, trials: scored(t) })),
    confidence,
  );
  return {
    rate: interval.estimate,
    low: interval.low,
    high: interval.high,
    cases: interval.cases,
    trials: interval.trials,
    errors: tallies.reduce((sum, t) => sum + t.errors, 0),
  };
}

function regressed(pairs: ReadonlyArray<{ caseId: string; baseline: CaseTally; candidate: CaseTally }>): RegressedCase[] {
  return pairs
    .map((p) => ({ ...p, drop: rateOf(p.baseline) - rateOf(p.candidate) }))
    .filter((p) => p.drop > 0)
    .sort((a, b) => b.drop - a.drop)
    .map((p) => ({
      case_id: p.caseId,
      baseline: { passed: p.baseline.passed, trials: scored(p.baseline) },
      candidate: { passed: p.candidate.passed, trials: scored(p.candidate) },
      reasons: p.candidate.reasons.filter((r) => r !== ""),
    }));
}

function scored(tally: CaseTally): number {
  return tally.passed + tally.failed;
}

function rateOf(tally: CaseTally): number {
  return tally.passed / scored(tally);
}
