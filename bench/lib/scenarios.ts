/**
 * The bench's workloads (issue 13). a, b and d run the CLI on a `prompt`
 * target with two judges against the local stand-in; c runs 100k trials of a
 * module target that answers at once, so only the harness is left; e is the
 * floor: the same POSTs from a bare `fetch` loop, paired with each of a, b, d.
 */
export const SCENARIO_IDS = ["a", "b", "c", "d", "e"] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Workload {
  cases: number;
  repeats: number;
  concurrency: number;
  /** Stand-in latency of every answered call. */
  latencyMs: number;
  /** Share of calls answered 429 at once, with a Retry-After drawn uniformly in [0, maxRetryAfterMs). */
  rejectRate: number;
  maxRetryAfterMs: number;
}

export interface CliScenario extends Workload {
  kind: "cli";
  /** Row key in the table and results.json. */
  key: "a" | "b" | "c" | "d";
  title: string;
  target: "prompt" | "module";
  judges: number;
  checks: number;
}

export interface FloorScenario extends Workload {
  kind: "floor";
  key: `e/${"a" | "b" | "d"}`;
  title: string;
  /** The CLI scenario whose POSTs this floor repeats. */
  of: "a" | "b" | "d";
  /** POSTs to get answered (429s are retried on top, as the CLI does). */
  calls: number;
}

export type Scenario = CliScenario | FloorScenario;

const JUDGES = 2;
const CHECKS = 4;

/** Calls the stand-in answers in one run: the target call and every judge, per trial. */
export function answeredCalls(s: Pick<CliScenario, "target" | "judges" | "cases" | "repeats">): number {
  return s.target === "prompt" ? s.cases * s.repeats * (1 + s.judges) : 0;
}

/** The scenarios to run each round, in table order; a floor follows the scenario it measures. */
export function planScenarios(only: readonly ScenarioId[], quick: boolean): Scenario[] {
  // Stable sizes: 9,000 calls keep a 50 ms run near 15 s, long enough that start-up and the last
  // stragglers weigh little; quick sizes only check that everything runs.
  const judged = quick ? 100 : 1_000;
  const bare = quick ? 5_000 : 100_000;
  const n = (count: number) => count.toLocaleString("en-US");
  const base = { repeats: 3, concurrency: 32, rejectRate: 0, maxRetryAfterMs: 1_000, target: "prompt" as const, judges: JUDGES, checks: CHECKS };
  const cli: CliScenario[] = [
    { kind: "cli", key: "a", title: `${n(judged)} × 3, prompt + 2 judges, 50 ms`, cases: judged, latencyMs: 50, ...base },
    { kind: "cli", key: "b", title: `${n(judged)} × 3, prompt + 2 judges, 0 ms`, cases: judged, latencyMs: 0, ...base },
    { kind: "cli", key: "c", title: `${n(bare)} × 1, module target, checks only`, ...base, cases: bare, repeats: 1, latencyMs: 0, target: "module", judges: 0 },
    { kind: "cli", key: "d", title: `${n(judged)} × 3 at 50 ms, 20 % answered 429`, cases: judged, latencyMs: 50, ...base, rejectRate: 0.2 },
  ];
  // e pairs a floor with each of a, b, d selected; e alone measures all three floors.
  const called = cli.filter((s) => s.key !== "c" && only.includes(s.key));
  const floored = only.includes("e") ? (called.length > 0 ? called : cli.filter((s) => s.key !== "c")) : [];
  const plan: Scenario[] = [];
  for (const s of cli) {
    if (only.includes(s.key)) plan.push(s);
    if (floored.includes(s)) plan.push(floorOf(s as CliScenario & { key: "a" | "b" | "d" }));
  }
  return plan;
}

function floorOf(s: CliScenario & { key: "a" | "b" | "d" }): FloorScenario {
  const { cases, repeats, concurrency, latencyMs, rejectRate, maxRetryAfterMs } = s;
  return {
    kind: "floor",
    key: `e/${s.key}`,
    title: `bare fetch, same POSTs as ${s.key}`,
    of: s.key,
    calls: answeredCalls(s),
    cases,
    repeats,
    concurrency,
    latencyMs,
    rejectRate,
    maxRetryAfterMs,
  };
}
