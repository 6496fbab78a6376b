import { describe, expect, it } from "vitest";
import { runCheck } from "../../tests/support/check-harness.js";
import { scoreLatency } from "./latency.js";

describe("scoreLatency", () => {
  it.each([
    { latencyMs: 999.4, maxMs: 1000, outcome: "pass" },
    { latencyMs: 1000, maxMs: 1000, outcome: "pass" },
    { latencyMs: 1000.4, maxMs: 1000, outcome: "fail" },
  ])("$latencyMs ms against $maxMs ms → $outcome", ({ latencyMs, maxMs, outcome }) => {
    expect(scoreLatency(latencyMs, maxMs).outcome).toBe(outcome);
  });

  it("reports the time taken and the limit", () => {
    expect(scoreLatency(1234.56, 1000).reason).toMatchInlineSnapshot(`"took 1234.6 ms, limit 1000 ms"`);
  });
});

describe("latency check", () => {
  it("reads the trial's latency", async () => {
    expect((await runCheck({ type: "latency", max_ms: 500 }, { output: "x", latencyMs: 750 })).outcome).toBe("fail");
  });
});
