import { describe, expect, it } from "vitest";
import type { RunManifest } from "../log/index.js";
import type { Suite } from "./load-suite.js";
import { shardSuite } from "./shard-suite.js";
import { selectShard } from "./shard.js";

const cases = Array.from({ length: 30 }, (_, i) => ({ id: `case-${i}`, input: i }));
const suite = { cases } as unknown as Suite;
const previous = (shard?: RunManifest["shard"]) => ({ run_id: "r1", ...(shard ? { shard } : {}) }) as RunManifest;

describe("shardSuite", () => {
  it("leaves an unsharded run's suite alone", () => {
    expect(shardSuite(suite, undefined, undefined)).toEqual({ suite });
  });

  it("narrows the cases and records the shard with each case's suite position", () => {
    const { suite: narrowed, shard } = shardSuite(suite, { index: 2, count: 3 }, undefined);
    const expected = selectShard(cases, { index: 2, count: 3 });
    expect(narrowed.cases).toEqual(expected.cases);
    expect(shard).toEqual({ index: 2, count: 3, cases_total: 30, positions: expected.positions });
  });

  it("resumes a shard as the shard it was started as, with or without --shard", () => {
    const started = shardSuite(suite, { index: 1, count: 2 }, undefined).shard!;
    expect(shardSuite(suite, undefined, previous(started)).shard).toEqual(started);
    expect(shardSuite(suite, { index: 1, count: 2 }, previous(started)).shard).toEqual(started);
  });

  it("refuses to resume a run as another shard, or an unsharded run as a shard", () => {
    const started = shardSuite(suite, { index: 1, count: 2 }, undefined).shard!;
    expect(() => shardSuite(suite, { index: 2, count: 2 }, previous(started))).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: Cannot resume run r1 as shard 2/2: it was started as shard 1/2. Resume it without --shard.]`,
    );
    expect(() => shardSuite(suite, { index: 1, count: 2 }, previous())).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: Cannot resume run r1 as shard 1/2: it was started unsharded. Resume it without --shard.]`,
    );
  });
});
