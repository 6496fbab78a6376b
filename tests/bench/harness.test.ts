import { describe, expect, it } from "vitest";
import { BenchUsageError, parseBenchArgs } from "../../bench/lib/args.js";
import { derive, idealMs, median, summarize, type RunSample } from "../../bench/lib/measure.js";
import { areaOf, summarizeProfile } from "../../bench/lib/profile.js";
import { answeredCalls, planScenarios, type CliScenario, type FloorScenario } from "../../bench/lib/scenarios.js";
import { renderTables, type BenchResults } from "../../bench/lib/table.js";

const sample = (over: Partial<RunSample>): RunSample => ({
  wallMs: 20_000,
  cpuMs: 9_000,
  peakRssMb: 200,
  answered: 9_000,
  rejected: 0,
  askedWaitMs: 0,
  serverCpuMs: 3_000,
  ...over,
});

describe("bench arguments", () => {
  it("defaults to every scenario, three rounds and the stable sizes", () => {
    expect(parseBenchArgs([], "/r.json")).toEqual({
      runs: 3,
      quick: false,
      only: ["a", "b", "c", "d", "e"],
      markdown: false,
      json: false,
      out: "/r.json",
      startupRuns: 7,
    });
  });

  it("makes --quick one round unless --runs says otherwise, and keeps scenario order", () => {
    expect(parseBenchArgs(["--quick", "--only", "e, B"], "/r.json")).toMatchObject({ runs: 1, quick: true, only: ["b", "e"], startupRuns: 3 });
    expect(parseBenchArgs(["--quick", "--runs", "2"], "/r.json").runs).toBe(2);
  });

  it("names the option in what it rejects", () => {
    const message = (argv: string[]) => {
      try {
        parseBenchArgs(argv, "/r.json");
      } catch (error) {
        expect(error).toBeInstanceOf(BenchUsageError);
        return (error as Error).message.split("\n")[0];
      }
      throw new Error("accepted");
    };
    expect(message(["--runs", "0"])).toMatchInlineSnapshot(`"--runs takes a positive integer, got "0""`);
    expect(message(["--only", "a,x"])).toMatchInlineSnapshot(`"--only takes scenario letters from a,b,c,d,e separated by commas, got "a,x""`);
    expect(message(["--startup-runs", "-1"])).toMatchInlineSnapshot(`"Option '--startup-runs' argument is ambiguous."`);
    expect(message(["--fast"])).toMatch(/Unknown option '--fast'/);
  });
});

describe("scenario plan", () => {
  it("puts each floor after the scenario whose POSTs it repeats, with the same count", () => {
    const plan = planScenarios(["a", "c", "d", "e"], false);
    expect(plan.map((s) => s.key)).toEqual(["a", "e/a", "c", "d", "e/d"]);
    const a = plan[0] as CliScenario;
    const floor = plan[1] as FloorScenario;
    // 1,000 cases × 3 repeats × (one target call + two judges), the workload.
    expect(answeredCalls(a)).toBe(9_000);
    expect(floor).toMatchObject({ calls: 9_000, concurrency: 32, latencyMs: 50, rejectRate: 0 });
    expect(plan[4]).toMatchObject({ of: "d", rejectRate: 0.2 });
  });

  it("runs only the floors of the scenarios asked for when e alone is", () => {
    expect(planScenarios(["e"], true).map((s) => s.key)).toEqual(["e/a", "e/b", "e/d"]);
  });
});

describe("ideal wall time", () => {
  it("is calls × latency / concurrency, plus the asked Retry-After waits", () => {
    // The example: 3,000 trials × 2 calls × 50 ms ÷ 16 = 18.75 s.
    expect(idealMs({ latencyMs: 50, concurrency: 16 }, 6_000)).toBe(18_750);
    expect(idealMs({ latencyMs: 50, concurrency: 32 }, 9_000, 32_000)).toBe(15_062.5);
  });

  it("is undefined at zero latency, where only the floor compares", () => {
    expect(idealMs({ latencyMs: 0, concurrency: 32 }, 9_000)).toBeUndefined();
  });

  it("gives trials per second when nothing was called", () => {
    const [c] = planScenarios(["c"], false);
    expect(derive(c!, sample({ answered: 0, trials: 100_000, wallMs: 50_000 }))).toEqual({ throughput: 2_000 });
  });
});

describe("summaries over rounds", () => {
  it("takes medians and ranges, pairing the floor round by round", () => {
    const [a] = planScenarios(["a"], false);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const summary = summarize(a!, [sample({ wallMs: 15_000 }), sample({ wallMs: 18_000 }), sample({ wallMs: 16_000 })], [10_000, 12_000, 16_000]);
    expect(summary.wallMs).toEqual({ median: 16_000, min: 15_000, max: 18_000 });
    expect(summary.ratio?.median).toBeCloseTo(16_000 / 14_062.5);
    // 15/10, 18/12, 16/16: paired, not median over median.
    expect(summary.vsFloor).toEqual({ median: 1.5, min: 1, max: 1.5 });
  });
});

describe("tables", () => {
  const [a, floor, c] = planScenarios(["a", "c", "e"], false);
  const results: BenchResults = {
    generated_at: "2026-12-02T00:00:00.000Z",
    machine: { cpus: 2, cpu_model: "Test CPU", total_memory_gb: 8, node: "22.0.0", platform: "linux", load_average_start: [1, 0.5, 0.25], load_average_end: [2, 1, 0.5], commit: "abc1234" },
    options: { runs: 2, quick: false, only: ["a", "c", "e"] },
    startup: [{ command: "evalgate --help", runs_ms: [150, 160, 170], median_ms: 160, min_ms: 150, max_ms: 170, peak_rss_mb: 60 }],
    scenarios: [
      { key: "a", scenario: a!, samples: [], summary: summarize(a!, [sample({ trials: 3_000, errors: 1, judgeErrors: 2, resultsBytes: 4_500_000 }), sample({ wallMs: 21_000, trials: 3_000, errors: 1, judgeErrors: 2, resultsBytes: 4_500_000 })], [16_000, 16_800]) },
      { key: "e/a", scenario: floor!, samples: [], summary: summarize(floor!, [sample({ wallMs: 16_000, peakRssMb: 110 }), sample({ wallMs: 16_800, peakRssMb: 110 })]) },
      { key: "c", scenario: c!, samples: [], summary: summarize(c!, [sample({ answered: 0, trials: 100_000, wallMs: 50_000, resultsBytes: 80_000_000 })]) },
    ],
  };

  it("renders Markdown for the README", () => {
    expect(renderTables(results, "markdown")).toMatchInlineSnapshot(`
      "2 × Test CPU, 8 GB, Node 22.0.0, load average 1.00 0.50 0.25 at start, 2.00 1.00 0.50 at end; 2 runs per scenario; medians (min–max); commit abc1234

      |  | workload | trials | calls | wall s | ideal s | wall / ideal | wall / floor | calls/s | CPU s | peak RSS MB | results MB | 429s | errors | stand-in CPU s |
      | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | a | 1,000 × 3, prompt + 2 judges, 50 ms | 3,000 | 9,000 | 20.5 (20.0–21.0) | 14.1 | 1.46 (1.42–1.49) | 1.25 | 439 | 9.0 | 200 | 4.5 | — | 1 / 2 | 3.0 |
      | e/a | bare fetch, same POSTs as a | — | 9,000 | 16.4 (16.0–16.8) | 14.1 | 1.17 (1.14–1.19) | — | 549 | 9.0 | 110 | — | — | — | 3.0 |
      | c | 100,000 × 1, module target, checks only | 100,000 | — | 50.0 | — | — | — | 2,000 trials | 9.0 | 200 | 80.0 | — | 0 / 0 | 3.0 |

      | start-up | median ms | range ms | peak RSS MB |
      | --- | ---: | ---: | ---: |
      | evalgate --help | 160 | 150–170 | 60 |"
    `);
  });

  it("renders aligned text for the terminal", () => {
    expect(renderTables(results, "text")).toMatchInlineSnapshot(`
      "2 × Test CPU, 8 GB, Node 22.0.0, load average 1.00 0.50 0.25 at start, 2.00 1.00 0.50 at end; 2 runs per scenario; medians (min–max); commit abc1234

           workload                                  trials  calls            wall s  ideal s      wall / ideal  wall / floor       calls/s  CPU s  peak RSS MB  results MB  429s  errors  stand-in CPU s
      a    1,000 × 3, prompt + 2 judges, 50 ms        3,000  9,000  20.5 (20.0–21.0)     14.1  1.46 (1.42–1.49)          1.25           439    9.0          200         4.5     —   1 / 2             3.0
      e/a  bare fetch, same POSTs as a                    —  9,000  16.4 (16.0–16.8)     14.1  1.17 (1.14–1.19)             —           549    9.0          110           —     —       —             3.0
      c    100,000 × 1, module target, checks only  100,000      —              50.0        —                 —             —  2,000 trials    9.0          200        80.0     —   0 / 0             3.0

      start-up         median ms  range ms  peak RSS MB
      evalgate --help        160   150–170           60"
    `);
  });
});

describe("cpu profile summary", () => {
  it("charges each sample's time to the function on top, by area, leaving idle out", () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(idle)", "") },
        { id: 2, callFrame: frame("parse", "file:///repo/node_modules/zod/v4/core/parse.js", 9) },
        { id: 3, callFrame: frame("executeTrial", "file:///repo/dist/runner/execute-trial.js", 49) },
        { id: 4, callFrame: frame("(garbage collector)", "") },
      ],
      samples: [1, 2, 3, 2, 4],
      // Microseconds since the previous sample.
      timeDeltas: [5_000, 1_000, 2_000, 3_000, 2_000],
    };
    expect(summarizeProfile(profile)).toEqual({
      busyMs: 8,
      areas: [
        { name: "zod", ms: 4, share: 0.5 },
        { name: "evalgate runner/", ms: 2, share: 0.25 },
        { name: "garbage collector", ms: 2, share: 0.25 },
      ],
      functions: [
        { name: "parse zod/v4/core/parse.js:10", ms: 4, share: 0.5 },
        { name: "executeTrial dist/runner/execute-trial.js:50", ms: 2, share: 0.25 },
        { name: "(garbage collector)", ms: 2, share: 0.25 },
      ],
    });
  });

  it("names scoped packages, Node's fetch and its modules", () => {
    expect(areaOf("file:///r/node_modules/@anthropic-ai/sdk/client.js", "f")).toBe("@anthropic-ai/sdk");
    expect(areaOf("node:internal/deps/undici/undici", "f")).toBe("node fetch (undici)");
    expect(areaOf("node:internal/event_target", "f")).toBe("node:internal/event_target");
    expect(areaOf("", "writev")).toBe("writev");
  });
});
