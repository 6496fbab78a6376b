import { describe, expect, it } from "vitest";
import { entityMetrics, matchSpans, spanIou } from "./span-match.js";

const span = (start: number, end: number, label = "PHONE") => ({ start, end, label });

describe("spanIou", () => {
  it.each([
    // identical: 10 / 10
    [span(0, 10), span(0, 10), 1],
    // [0,10) and [1,10): intersection 9, union 10
    [span(0, 10), span(1, 10), 0.9],
    // [0,10) and [5,15): intersection 5, union 15
    [span(0, 10), span(5, 15), 1 / 3],
    // touching, not overlapping: intersection 0
    [span(0, 5), span(5, 10), 0],
  ])("%o vs %o → %d", (a, b, iou) => {
    expect(spanIou(a, b)).toBeCloseTo(iou, 12);
  });
});

describe("matchSpans", () => {
  it("matches same-label spans overlapping at least half their union", () => {
    // "+44 20 7946 0958" expected at [0,16), found without the "+" at [1,16): IoU 15/16.
    expect(matchSpans([span(0, 16)], [span(1, 16)])).toEqual([{ expected: 0, found: 0 }]);
  });

  it("does not match a span of another label, or one covering less than half the union", () => {
    // Same place, other label.
    expect(matchSpans([span(0, 10, "EMAIL")], [span(0, 10, "PHONE")])).toEqual([]);
    // [0,4) inside [0,10): IoU 4/10 = 0.4 < 0.5.
    expect(matchSpans([span(0, 10)], [span(0, 4)])).toEqual([]);
    // Exactly 0.5 counts: [0,10) vs [0,5) is 5/10.
    expect(matchSpans([span(0, 10)], [span(0, 5)])).toEqual([{ expected: 0, found: 0 }]);
  });

  it("uses each span once, best overlaps first", () => {
    // e0=[0,10) e1=[2,12); f0=[2,12) (IoU 8/12 with e0, 1 with e1), f1=[0,9) (IoU 0.9 with e0, 7/12 with e1).
    // Best first: e1–f0 (1.0), then e0–f1 (0.9); the weaker pairs reuse a span and are skipped.
    expect(matchSpans([span(0, 10), span(2, 12)], [span(2, 12), span(0, 9)])).toEqual([
      { expected: 0, found: 1 },
      { expected: 1, found: 0 },
    ]);
    // Two found spans on one expected entity: one match, the duplicate stays unmatched.
    expect(matchSpans([span(0, 10)], [span(0, 10), span(0, 8)])).toEqual([{ expected: 0, found: 0 }]);
  });
});

describe("entityMetrics", () => {
  it("computes precision and recall per label and micro-averaged over all", () => {
    const figures = entityMetrics([
      // EMAIL matched; PHONE matched (IoU 3/4).
      { expected: [span(5, 11, "EMAIL"), span(20, 23)], found: [span(5, 11, "EMAIL"), span(19, 23)] },
      // EMAIL found too short (IoU 4/10): one expected, one found, no match.
      { expected: [span(0, 10, "EMAIL")], found: [span(0, 4, "EMAIL")] },
      // A PHONE found where none is expected.
      { expected: [], found: [span(2, 6)] },
    ]);
    // EMAIL: expected 2, found 2, matched 1 → 1/2, 1/2. PHONE: expected 1, found 2, matched 1 → 1/2, 1/1.
    // all: expected 3, found 4, matched 2 → 2/4, 2/3.
    expect(figures).toEqual({
      overall: { label: "all", expected: 3, found: 4, matched: 2, precision: 0.5, recall: 2 / 3 },
      by_label: [
        { label: "EMAIL", expected: 2, found: 2, matched: 1, precision: 0.5, recall: 0.5 },
        { label: "PHONE", expected: 1, found: 2, matched: 1, precision: 0.5, recall: 1 },
      ],
    });
  });

  it("reports 0/0 as null, never NaN", () => {
    expect(entityMetrics([{ expected: [span(0, 4, "IBAN")], found: [] }]).by_label).toEqual([
      { label: "IBAN", expected: 1, found: 0, matched: 0, precision: null, recall: 0 },
    ]);
    expect(entityMetrics([]).overall).toEqual({ label: "all", expected: 0, found: 0, matched: 0, precision: null, recall: null });
  });
});
