import type { GuardSpan } from "../types.js";
import type { EntityMetrics } from "./report-schema.js";

/** The minimum intersection over union for a found span to count as an expected one. */
export const MIN_SPAN_IOU = 0.5;

/** How found spans are matched to expected ones, as reports state it. */
export const SPAN_MATCH_RULE = `same label and overlap ≥ ${MIN_SPAN_IOU * 100} % of their union (IoU), one to one`;

/**
 * Intersection over union of two half-open ranges. IoU rather than "any
 * overlap" so a span swallowing the whole sentence does not match every
 * entity in it, and rather than "exact" so "+44 20 7946 0958" found as
 * "44 20 7946 0958" still counts: boundaries of phones and addresses are a
 * matter of convention, not of detection.
 */
export function spanIou(a: GuardSpan, b: GuardSpan): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = a.end - a.start + (b.end - b.start) - intersection;
  return union === 0 ? 0 : intersection / union;
}

/**
 * Pairs found spans with expected ones: same label and IoU ≥ 0.5, each span
 * used at most once, best overlaps first (ties by position), so two adjacent
 * phone numbers found as one long span match one of them, not both.
 */
export function matchSpans(expected: readonly GuardSpan[], found: readonly GuardSpan[]): Array<{ expected: number; found: number }> {
  const candidates: Array<{ expected: number; found: number; iou: number }> = [];
  expected.forEach((e, ei) => {
    found.forEach((f, fi) => {
      if (e.label !== f.label) return;
      const iou = spanIou(e, f);
      if (iou >= MIN_SPAN_IOU) candidates.push({ expected: ei, found: fi, iou });
    });
  });
  candidates.sort((a, b) => b.iou - a.iou || a.expected - b.expected || a.found - b.found);
  const usedExpected = new Set<number>();
  const usedFound = new Set<number>();
  const pairs: Array<{ expected: number; found: number }> = [];
  for (const candidate of candidates) {
    if (usedExpected.has(candidate.expected) || usedFound.has(candidate.found)) continue;
    usedExpected.add(candidate.expected);
    usedFound.add(candidate.found);
    pairs.push({ expected: candidate.expected, found: candidate.found });
  }
  return pairs.sort((a, b) => a.expected - b.expected);
}

interface Tally {
  expected: number;
  found: number;
  matched: number;
}

function figures(label: string, tally: Tally): EntityMetrics {
  return {
    label,
    ...tally,
    precision: tally.found === 0 ? null : tally.matched / tally.found,
    recall: tally.expected === 0 ? null : tally.matched / tally.expected,
  };
}

/**
 * Entity-level precision and recall per label, over rows of expected and
 * found spans; "all" is the micro-average (every span weighs the same).
 */
export function entityMetrics(rows: ReadonlyArray<{ expected: readonly GuardSpan[]; found: readonly GuardSpan[] }>): { overall: EntityMetrics; by_label: EntityMetrics[] } {
  const byLabel = new Map<string, Tally>();
  const tally = (label: string): Tally => {
    let entry = byLabel.get(label);
    if (!entry) {
      entry = { expected: 0, found: 0, matched: 0 };
      byLabel.set(label, entry);
    }
    return entry;
  };
  for (const row of rows) {
    for (const span of row.expected) tally(span.label).expected += 1;
    for (const span of row.found) tally(span.label).found += 1;
    for (const pair of matchSpans(row.expected, row.found)) tally(row.expected[pair.expected]!.label).matched += 1;
  }
  const total = [...byLabel.values()].reduce((sum, t) => ({ expected: sum.expected + t.expected, found: sum.found + t.found, matched: sum.matched + t.matched }), {
    expected: 0,
    found: 0,
    matched: 0,
  });
  const labels = [...byLabel.keys()].sort();
  return { overall: figures("all", total), by_label: labels.map((label) => figures(label, byLabel.get(label)!)) };
}
