import { describe, expect, it } from "vitest";
import { TRUNCATION_MARKER, truncateText } from "./limits.js";
import { planLogBatches, type KeyValue, type MetricEntry } from "./log-batch-plan.js";

const metrics = (n: number): MetricEntry[] => Array.from({ length: n }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 0, step: 0 }));
const pairs = (prefix: string, n: number, value = "v"): KeyValue[] => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value }));

describe("planLogBatches", () => {
  it("keeps a small payload in one request", () => {
    const plan = planLogBatches({ metrics: metrics(3), params: pairs("p", 2), tags: pairs("t", 2) });
    expect(plan.batches).toHaveLength(1);
    expect(plan.warnings).toEqual([]);
  });

  it("splits params at 100 and tags at 100 per request", () => {
    const plan = planLogBatches({ metrics: [], params: pairs("p", 250), tags: pairs("t", 101) });
    expect(plan.batches.map((b) => [b.params.length, b.tags.length])).toEqual([
      [100, 0],
      [100, 0],
      [50, 100],
      [0, 1],
    ]);
  });

  it("splits metrics at 1000 per request and never exceeds 1000 entities in total", () => {
    const plan = planLogBatches({ metrics: metrics(2500), params: pairs("p", 60), tags: [] });
    for (const batch of plan.batches) {
      expect(batch.metrics.length).toBeLessThanOrEqual(1000);
      expect(batch.metrics.length + batch.params.length + batch.tags.length).toBeLessThanOrEqual(1000);
    }
    expect(plan.batches.flatMap((b) => b.metrics).map((m) => m.key)).toEqual(metrics(2500).map((m) => m.key));
    expect(plan.batches.flatMap((b) => b.params)).toHaveLength(60);
  });

  it("splits by size so that large params and tags never make a request over the 1 MB body limit", () => {
    const plan = planLogBatches({ metrics: [], params: pairs("p", 100, "x".repeat(6000)), tags: pairs("t", 100, "y".repeat(8000)) });
    expect(plan.batches.length).toBeGreaterThan(1);
    for (const batch of plan.batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThan(1_000_000);
    expect(plan.batches.flatMap((b) => b.tags)).toHaveLength(100);
  });

  it("truncates over-long keys and values with a marker and a warning instead of failing", () => {
    const plan = planLogBatches({
      metrics: [{ key: "k".repeat(300), value: 1, timestamp: 0, step: 0 }],
      params: [{ key: "prompt", value: "p".repeat(7000) }],
      tags: [{ key: "note", value: "t".repeat(9000) }],
    });
    const [batch] = plan.batches;
    expect(batch?.params[0]?.value).toHaveLength(6000);
    expect(batch?.params[0]?.value.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(batch?.tags[0]?.value).toHaveLength(8000);
    expect(batch?.metrics[0]?.key).toHaveLength(250);
    expect(plan.warnings).toMatchInlineSnapshot(`
      [
        "param "prompt" value was longer than 6000 characters and was truncated",
        "tag "note" value was longer than 8000 characters and was truncated",
        "metric key "kkkkkkkkkkkkkkkkkkkkkkkkkkkk…[truncated]" was longer than 250 characters and was truncated",
      ]
    `);
  });
});

describe("truncateText", () => {
  it("counts characters as code points, as the Python server does", () => {
    const emoji = "😀".repeat(30);
    expect(truncateText(emoji, 30)).toEqual({ text: emoji, truncated: false });
    const cut = truncateText(emoji, 29);
    expect(cut).toEqual({ text: `${"😀".repeat(29 - Array.from(TRUNCATION_MARKER).length)}${TRUNCATION_MARKER}`, truncated: true });
  });

  it("never returns more than the limit, even when the limit is shorter than the marker", () => {
    expect(truncateText("abcdefghij", 4)).toEqual({ text: "abcd", truncated: true });
  });
});
