import type { Scenario, Workload } from "./scenarios.js";

/** What one run of one scenario measured. */
export interface RunSample {
  /** Spawn to exit of the child, as the parent saw it. */
  wallMs: number;
  /** The child's user + system CPU time. */
  cpuMs: number;
  /** The child's peak resident set (getrusage maxrss). */
  peakRssMb: number;
  /** Calls the stand-in answered (429s not counted). */
  answered: number;
  /** Calls the stand-in answered 429; each is retried, so these are also the retries. */
  rejected: number;
  /** The Retry-After the stand-in asked for, summed over its 429s. */
  askedWaitMs: number;
  /** The stand-in's own CPU time meanwhile (it shares the machine with the child). */
  serverCpuMs: number;
  /** CLI runs: trials written, trials errored, judge verdicts errored, results.jsonl bytes. */
  trials?: number;
  errors?: number;
  judgeErrors?: number;
  resultsBytes?: number;
  /** The child's RSS through the run, evenly spaced (Linux only). */
  rssTimelineMb?: number[];
}

/**
 * The shortest wall time any client could take: every answered call holds
 * one of `concurrency` slots for `latency`, and every 429 for the wait it
 * asked for. Undefined when that is zero (0 ms latency): the floor is the
 * yardstick there.
 */
export function idealMs(workload: Pick<Workload, "latencyMs" | "concurrency">, answered: number, askedWaitMs = 0): number | undefined {
  const busy = answered * workload.latencyMs + askedWaitMs;
  return busy > 0 ? busy / workload.concurrency : undefined;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** One run's derived figures. */
export interface Derived {
  idealMs?: number;
  /** wall / ideal. */
  ratio?: number;
  /** Answered calls per second, or trials per second when nothing was called. */
  throughput: number;
}

export function derive(scenario: Scenario, sample: RunSample): Derived {
  const ideal = idealMs(scenario, sample.answered, sample.askedWaitMs);
  const unit = sample.answered > 0 ? sample.answered : (sample.trials ?? 0);
  return {
    ...(ideal === undefined ? {} : { idealMs: ideal, ratio: sample.wallMs / ideal }),
    throughput: unit / (sample.wallMs / 1000),
  };
}

export interface ScenarioSummary {
  wallMs: Spread;
  idealMs?: Spread;
  ratio?: Spread;
  /** CLI scenario with a floor in the same rounds: wall / floor wall, paired round by round. */
  vsFloor?: Spread;
  throughput: Spread;
  cpuMs: Spread;
  peakRssMb: Spread;
  serverCpuMs: Spread;
  answered: number;
  rejected: number;
  trials?: number;
  errors?: number;
  judgeErrors?: number;
  resultsBytes?: number;
}

/** Medians and ranges over a scenario's rounds; `floorWalls` are its floor's walls, round for round. */
export function summarize(scenario: Scenario, samples: readonly RunSample[], floorWalls?: readonly number[]): ScenarioSummary {
  const derived = samples.map((s) => derive(scenario, s));
  const pick = (f: (s: RunSample) => number | undefined) => samples.map(f).filter((v): v is number => v !== undefined);
  const optional = (values: number[]) => (values.length === samples.length && values.length > 0 ? spreadOf(values) : undefined);
  const optionalMedian = (values: number[]) => (values.length > 0 ? median(values) : undefined);
  const pairs = floorWalls ? samples.slice(0, floorWalls.length).map((s, i) => s.wallMs / floorWalls[i]!) : [];
  const summary: ScenarioSummary = {
    wallMs: spreadOf(pick((s) => s.wallMs)),
    throughput: spreadOf(derived.map((d) => d.throughput)),
    cpuMs: spreadOf(pick((s) => s.cpuMs)),
    peakRssMb: spreadOf(pick((s) => s.peakRssMb)),
    serverCpuMs: spreadOf(pick((s) => s.serverCpuMs)),
    answered: median(pick((s) => s.answered)),
    rejected: median(pick((s) => s.rejected)),
  };
  const ideal = optional(derived.map((d) => d.idealMs).filter((v): v is number => v !== undefined));
  const ratio = optional(derived.map((d) => d.ratio).filter((v): v is number => v !== undefined));
  const extras = {
    ...(ideal ? { idealMs: ideal } : {}),
    ...(ratio ? { ratio } : {}),
    ...(pairs.length > 0 ? { vsFloor: spreadOf(pairs) } : {}),
    trials: optionalMedian(pick((s) => s.trials)),
    errors: optionalMedian(pick((s) => s.errors)),
    judgeErrors: optionalMedian(pick((s) => s.judgeErrors)),
    resultsBytes: optionalMedian(pick((s) => s.resultsBytes)),
  };
  for (const [key, value] of Object.entries(extras)) if (value !== undefined) (summary as unknown as Record<string, unknown>)[key] = value;
  return summary;
}
