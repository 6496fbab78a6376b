import { describe, expect, it } from "vitest";
import { assignSplits, type SplitItem } from "./splits.js";

const cases = (prefix: string, label: "pass" | "fail", count: number): SplitItem[] =>
  Array.from({ length: count }, (_, i) => ({ case_id: `${prefix}-${i}`, trial: 0, label }));

describe("assignSplits", () => {
  const items = [...cases("p", "pass", 40), ...cases("f", "fail", 20)];

  it("splits each class 15/45/40 by largest remainder: 40 PASS → 6/18/16, 20 FAIL → 3/9/8", () => {
    const splits = assignSplits(items, 0);
    const count = (prefix: string, split: string) => [...splits].filter(([id, s]) => id.startsWith(prefix) && s === split).length;
    expect([count("p-", "train"), count("p-", "dev"), count("p-", "test")]).toEqual([6, 18, 16]);
    expect([count("f-", "train"), count("f-", "dev"), count("f-", "test")]).toEqual([3, 9, 8]);
  });

  it("is deterministic for a seed and changes with the seed", () => {
    expect(assignSplits(items, 3)).toEqual(assignSplits([...items].reverse(), 3));
    expect(assignSplits(items, 3)).not.toEqual(assignSplits(items, 4));
  });

  it("keeps every trial of a case in one split", () => {
    const trials = [0, 1, 2].flatMap((trial) => items.map((item) => ({ ...item, trial })));
    expect(assignSplits(trials, 0)).toEqual(assignSplits(items, 0));
  });

  it("keeps earlier assignments when labels change, so a test item never moves to train", () => {
    const first = assignSplits(items, 0);
    const relabelled = items.map((item) => (item.case_id === "p-0" ? { ...item, label: "fail" as const } : item));
    const second = assignSplits(relabelled, 0, first);
    expect(second).toEqual(first);
  });
});
