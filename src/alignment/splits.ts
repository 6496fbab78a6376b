import { createHash } from "node:crypto";
import type { BinaryLabel } from "./agreement.js";
import { largestRemainder } from "./internal/largest-remainder.js";
import type { Split } from "./label-set-schema.js";

export interface SplitRatios {
  train: number;
  dev: number;
  test: number;
}

/** 15 % to draw few-shot examples from, 45 % to iterate on, 40 % scored once at the end. */
export const DEFAULT_SPLIT_RATIOS: SplitRatios = { train: 0.15, dev: 0.45, test: 0.4 };

export interface SplitItem {
  case_id: string;
  trial: number;
  label: BinaryLabel;
}

/**
 * Assigns every labelled case to train, dev or test. Deterministic (a seeded
 * hash orders the cases, so the same labels and seed give the same split on
 * any machine), stratified (PASS, FAIL and mixed cases are split separately,
 * so each split sees both classes in proportion), and by case: a case's
 * trials are near-duplicates, and one in train with its sibling in test
 * would leak the answer.
 *
 * Cases already assigned in `previous` keep their split, so relabelling a
 * row never moves a test item into train.
 */
export function assignSplits(items: readonly SplitItem[], seed: number, previous: ReadonlyMap<string, Split> = new Map(), ratios = DEFAULT_SPLIT_RATIOS): Map<string, Split> {
  const labelsByCase = new Map<string, Set<BinaryLabel>>();
  for (const item of items) labelsByCase.set(item.case_id, (labelsByCase.get(item.case_id) ?? new Set()).add(item.label));

  const result = new Map<string, Split>();
  const strata = new Map<string, string[]>();
  for (const [caseId, labels] of labelsByCase) {
    const kept = previous.get(caseId);
    if (kept) {
      result.set(caseId, kept);
      continue;
    }
    const stratum = labels.size > 1 ? "mixed" : [...labels][0]!;
    strata.set(stratum, [...(strata.get(stratum) ?? []), caseId]);
  }
  for (const cases of strata.values()) {
    const ordered = [...cases].sort((a, b) => orderKey(seed, a).localeCompare(orderKey(seed, b)));
    const [train = 0, dev = 0] = largestRemainder(ordered.length, [ratios.train, ratios.dev, ratios.test]);
    ordered.forEach((caseId, index) => result.set(caseId, index < train ? "train" : index < train + dev ? "dev" : "test"));
  }
  return result;
}

function orderKey(seed: number, caseId: string): string {
  return createHash("sha256").update(`${seed}\u0000${caseId}`).digest("hex");
}
