import { describe, expect, it } from "vitest";
import type { ProductionRecord } from "./record.js";
import { parseTimeOption, sampleRecords, withinWindow } from "./select-records.js";

const records = (ids: string[]): ProductionRecord[] => ids.map((traceId, i) => ({ traceId, input: traceId, output: "x", timestamp: `2026-12-01T0${i}:00:00.000Z` }));

describe("parseTimeOption", () => {
  const now = new Date("2026-12-02T12:00:00.000Z");
  it.each([
    ["2026-12-01T00:00:00Z", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01", "2026-12-01T00:00:00.000Z"],
    ["90m", "2026-12-02T10:30:00.000Z"],
    ["2h", "2026-12-02T10:00:00.000Z"],
    ["7d", "2026-11-25T12:00:00.000Z"],
  ])("reads %s", (value, expected) => {
    expect(parseTimeOption(value, "--since", now)).toBe(expected);
  });

  it("names the option and both accepted forms", () => {
    expect(() => parseTimeOption("yesterday", "--since", now)).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: --since "yesterday" is neither an ISO time (2026-12-01T00:00:00Z) nor a duration back from now (90m, 2h, 7d).]`,
    );
  });
});

describe("withinWindow", () => {
  it("keeps [since, until) and drops undated records once a window is set", () => {
    const all = [...records(["a", "b", "c"]), { traceId: "undated", input: "", output: "" }];
    expect(withinWindow(all, { since: "2026-12-01T01:00:00.000Z", until: "2026-12-01T02:00:00.000Z" }).map((r) => r.traceId)).toEqual(["b"]);
    expect(withinWindow(all, {}).map((r) => r.traceId)).toEqual(["a", "b", "c", "undated"]);
  });
});

describe("sampleRecords", () => {
  const ids = Array.from({ length: 8 }, (_, i) => `tr-${i}`);
  it("takes n without replacement, the same for the same seed whatever the order", () => {
    const sample = sampleRecords(records(ids), 3, 42).map((r) => r.traceId);
    expect(new Set(sample).size).toBe(3);
    expect(sampleRecords(records([...ids].reverse()), 3, 42).map((r) => r.traceId).sort()).toEqual([...sample].sort());
  });

  it("keeps a sampled record sampled when other records arrive, unless they outrank it", () => {
    const before = new Set(sampleRecords(records(ids), 3, 1).map((r) => r.traceId));
    const after = sampleRecords(records([...ids, "tr-new"]), 3, 1).map((r) => r.traceId);
    expect(after.filter((id) => id !== "tr-new").every((id) => before.has(id))).toBe(true);
  });

  it("returns everything when n covers the records", () => {
    expect(sampleRecords(records(["a", "b"]), 5, 0)).toHaveLength(2);
  });
});
