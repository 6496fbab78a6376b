import { describe, expect, it } from "vitest";
import { createTextTable, cutLength } from "./text-table.js";

describe("createTextTable", () => {
  it("stores each distinct text once and values as JSON", () => {
    const table = createTextTable();
    const refs = [table.text("cites kb-1"), table.json({ a: 1 }), table.text("cites kb-1"), table.json("cites kb-1"), table.json(undefined), table.text(undefined)];
    expect(refs).toEqual([0, 1, 0, 2, -1, -1]);
    expect(table.finish(1000).texts).toEqual(["cites kb-1", '{"a":1}', '"cites kb-1"']);
  });

  it("keeps everything when the texts fit, and says nothing was cut", () => {
    const table = createTextTable();
    table.text("x".repeat(10));
    expect(table.finish(10)).toEqual({ texts: ["x".repeat(10)], shortened: { index: [], length: [] }, budget: { chars: 10, limit: 10, cut_to: null } });
  });

  it("cuts only the longest texts, all to one length, and records their original lengths", () => {
    const table = createTextTable();
    for (const n of [10, 5, 3]) table.text("y".repeat(n) + String(n));
    // Lengths 12, 6, 4 with 16 allowed: cutting at 6 gives 6 + 6 + 4 = 16.
    const finished = table.finish(16);
    expect(finished.texts.map((t) => t.length)).toEqual([6, 6, 4]);
    expect(finished.shortened).toEqual({ index: [0], length: [12] });
    expect(finished.budget).toEqual({ chars: 22, limit: 16, cut_to: 6 });
  });

  it("never splits a surrogate pair when cutting", () => {
    const table = createTextTable();
    table.text(`ab${"🙂".repeat(5)}`);
    table.text("c".repeat(12));
    const { texts } = table.finish(10);
    // Cut at 5 code units: "ab" + one emoji (2 units) + half an emoji, which is dropped.
    expect(texts[0]).toBe("ab🙂");
  });
});

describe("cutLength", () => {
  it.each([
    // [lengths, limit, largest c with Σ min(length, c) ≤ limit], worked by hand.
    [[10, 5, 3], 12, 4],
    [[10, 5, 3], 18, 10],
    [[10, 10, 10], 15, 5],
    [[100, 1, 1], 3, 1],
    [[7], 0, 0],
  ])("lengths %j within %i → %i", (lengths, limit, expected) => {
    expect(cutLength(lengths.map((n) => "z".repeat(n)), limit)).toBe(expected);
  });
});
