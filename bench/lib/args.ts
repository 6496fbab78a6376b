import { parseArgs } from "node:util";
import { SCENARIO_IDS, type ScenarioId } from "./scenarios.js";

export interface BenchOptions {
  /** Rounds: every selected scenario runs once per round, rounds interleaved so drift hits all alike. */
  runs: number;
  /** The smoke sizes (a few seconds a scenario) instead of the stable ones. */
  quick: boolean;
  only: ScenarioId[];
  /** Print the Markdown tables of an existing results file and exit, running nothing. */
  markdown: boolean;
  json: boolean;
  /** Where results go (and where --markdown reads them). */
  out: string;
  /** How often `--help` and `--version` are timed; 0 skips them. */
  startupRuns: number;
  /** Profile every child with `node --cpu-prof` into this directory (slows them: figures are then not comparable). */
  cpuProf?: string;
}

export class BenchUsageError extends Error {}

const USAGE = "usage: node bench/run.js [--runs N] [--quick] [--only a,b,c,d,e] [--startup-runs N] [--cpu-prof dir] [--out file] [--json] | --markdown [--out file]";

/** Parses bench/run.js's argv (without node and the script); throws BenchUsageError with a message that names the option. */
export function parseBenchArgs(argv: readonly string[], defaultOut: string): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        runs: { type: "string" },
        quick: { type: "boolean", default: false },
        only: { type: "string" },
        markdown: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        out: { type: "string", default: defaultOut },
        "startup-runs": { type: "string" },
        "cpu-prof": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const quick = values.quick === true;
  return {
    // Quick is a smoke test: one round unless asked; the stable default repeats three times for a median and a spread.
    runs: positiveInt("--runs", values.runs, quick ? 1 : 3),
    quick,
    only: scenarioList(values.only),
    markdown: values.markdown === true,
    json: values.json === true,
    out: values.out ?? defaultOut,
    startupRuns: nonNegativeInt("--startup-runs", values["startup-runs"], quick ? 3 : 7),
    ...(values["cpu-prof"] === undefined ? {} : { cpuProf: values["cpu-prof"] }),
  };
}

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`${flag} takes a positive integer, got "${raw}"`);
  return n;
}

function nonNegativeInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new BenchUsageError(`${flag} takes a whole number (0 skips), got "${raw}"`);
  return n;
}

function scenarioList(raw: string | undefined): ScenarioId[] {
  if (raw === undefined) return [...SCENARIO_IDS];
  const picked = raw.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  const unknown = picked.filter((s) => !(SCENARIO_IDS as readonly string[]).includes(s));
  if (unknown.length > 0 || picked.length === 0) {
    throw new BenchUsageError(`--only takes scenario letters from ${SCENARIO_IDS.join(",")} separated by commas, got "${raw}"`);
  }
  // Scenario order, not the order typed: the table always reads a, b, c, …
  return SCENARIO_IDS.filter((id) => picked.includes(id));
}
