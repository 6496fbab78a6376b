import { describe, expect, it } from "vitest";
import { parseShard, selectShard, shardOf } from "./shard.js";

describe("shardOf", () => {
  // Reference: the first 12 hex digits of `printf '%s' <id> | sha256sum` as an integer, mod n, plus 1
  // (computed with coreutils and shell arithmetic, independently of Node's crypto).
  it.each([
    ["a", 4, 4],
    ["a", 3, 1],
    ["b", 4, 2],
    ["c", 3, 3],
    ["refund-annual", 4, 4],
    ["refund-annual", 3, 2],
    ["case-0", 4, 2],
    ["héllo", 3, 2],
  ])("puts %s in shard %i of … as sha256 says", (id, count, expected) => {
    expect(shardOf(id as string, count as number)).toBe(expected);
  });

  it("puts every case in shard 1 of 1", () => {
    expect(["a", "b", "c"].map((id) => shardOf(id, 1))).toEqual([1, 1, 1]);
  });
});

describe("selectShard", () => {
  const cases = Array.from({ length: 600 }, (_, i) => ({ id: `case-${i}` }));

  it("splits the cases into disjoint shards that cover every case", () => {
    const shards = [1, 2, 3].map((index) => selectShard(cases, { index, count: 3 }).cases.map((c) => c.id));
    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(cases.map((c) => c.id)));
  });

  it("assigns by id alone: reversing or shuffling the dataset changes no case's shard", () => {
    const shuffled = [...cases].reverse().sort((a, b) => (a.id.length - b.id.length) || (a.id < b.id ? 1 : -1));
    for (const index of [1, 2, 3]) {
      const ids = (list: { id: string }[]) => new Set(selectShard(list, { index, count: 3 }).cases.map((c) => c.id));
      expect(ids(shuffled)).toEqual(ids(cases));
    }
  });

  it("keeps suite order and records each case's position in the whole suite", () => {
    const { cases: picked, positions } = selectShard(cases, { index: 2, count: 3 });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.map((p) => cases[p]!.id)).toEqual(picked.map((c) => c.id));
  });

  it("balances: each of 3 shards of 600 cases gets 200 ± 45 (over 4 standard deviations of a binomial)", () => {
    const sizes = [1, 2, 3].map((index) => selectShard(cases, { index, count: 3 }).cases.length);
    // sd of Binomial(600, 1/3) = sqrt(600 · 1/3 · 2/3) ≈ 11.5
    for (const size of sizes) expect(Math.abs(size - 200)).toBeLessThan(45);
  });
});

describe("parseShard", () => {
  it("reads i/n", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
  });

  it.each(["0/4", "5/4", "x", "2/0", "1.5/4", "-1/4", "2/", ""])("refuses %j with the usage", (text) => {
    expect(() => parseShard(text)).toThrow(`Expected --shard i/n with whole numbers 1 ≤ i ≤ n, e.g. 2/4 for the second of four shards; received "${text}".`);
  });

  it("says what it expected", () => {
    expect(() => parseShard("5/4")).toThrowErrorMatchingInlineSnapshot(`[EvalgateError: Expected --shard i/n with whole numbers 1 ≤ i ≤ n, e.g. 2/4 for the second of four shards; received "5/4".]`);
  });
});
