import type { RunSample, ScenarioSummary, Spread } from "./measure.js";
import type { ProfileSummary } from "./profile.js";
import type { Scenario } from "./scenarios.js";

/** bench/results.json. */
export interface BenchResults {
  generated_at: string;
  machine: Machine;
  options: { runs: number; quick: boolean; only: string[] };
  startup: StartupTiming[];
  scenarios: ScenarioResult[];
  /** With --cpu-prof: where each scenario's last round spent its CPU. */
  profiles?: Record<string, ProfileSummary>;
}

export interface Machine {
  cpus: number;
  cpu_model: string;
  total_memory_gb: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
  load_average_start: number[];
  load_average_end?: number[];
  commit?: string;
}

export interface StartupTiming {
  command: string;
  runs_ms: number[];
  median_ms: number;
  min_ms: number;
  max_ms: number;
  peak_rss_mb: number;
}

export interface ScenarioResult {
  key: string;
  scenario: Scenario;
  samples: RunSample[];
  summary: ScenarioSummary;
}

export type TableFormat = "text" | "markdown";

const HEADER = ["", "workload", "trials", "calls", "wall s", "ideal s", "wall / ideal", "wall / floor", "calls/s", "CPU s", "peak RSS MB", "results MB", "429s", "errors", "stand-in CPU s"];

/** The scenario table, the start-up table and a line on the machine, as text or Markdown. */
export function renderTables(results: BenchResults, format: TableFormat): string {
  const rows = results.scenarios.map((r) => scenarioRow(r));
  const parts = [machineLine(results), "", table(HEADER, rows, format)];
  if (results.startup.length > 0) {
    const startupRows = results.startup.map((s) => [s.command, fixed(s.median_ms, 0), `${fixed(s.min_ms, 0)}–${fixed(s.max_ms, 0)}`, fixed(s.peak_rss_mb, 0)]);
    parts.push("", table(["start-up", "median ms", "range ms", "peak RSS MB"], startupRows, format));
  }
  return parts.join("\n");
}

function scenarioRow({ key, scenario, summary }: ScenarioResult): string[] {
  const isFloor = scenario.kind === "floor";
  const calls = summary.answered > 0 ? grouped(summary.answered) : "—";
  // A run without calls (c) is measured in trials per second.
  const rate = summary.answered > 0 ? grouped(summary.throughput.median) : `${grouped(summary.throughput.median)} trials`;
  return [
    key,
    scenario.title,
    isFloor ? "—" : grouped(summary.trials ?? 0),
    calls,
    withRange(summary.wallMs, 1, 1000),
    summary.idealMs ? fixed(summary.idealMs.median / 1000, 1) : "—",
    summary.ratio ? withRange(summary.ratio, 2) : "—",
    summary.vsFloor ? withRange(summary.vsFloor, 2) : "—",
    rate,
    fixed(summary.cpuMs.median / 1000, 1),
    fixed(summary.peakRssMb.median, 0),
    summary.resultsBytes === undefined ? "—" : fixed(summary.resultsBytes / 1e6, 1),
    scenario.rejectRate > 0 ? grouped(summary.rejected) : "—",
    isFloor ? "—" : `${summary.errors ?? 0} / ${summary.judgeErrors ?? 0}`,
    fixed(summary.serverCpuMs.median / 1000, 1),
  ];
}

function machineLine(results: BenchResults): string {
  const m = results.machine;
  const load = (l: number[] | undefined) => (l ? l.map((x) => x.toFixed(2)).join(" ") : "?");
  const runs = `${results.options.runs} run${results.options.runs === 1 ? "" : "s"} per scenario${results.options.quick ? ", quick sizes" : ""}`;
  return `${m.cpus} × ${m.cpu_model}, ${m.total_memory_gb} GB, Node ${m.node}, load average ${load(m.load_average_start)} at start, ${load(m.load_average_end)} at end; ${runs}; medians (min–max)${m.commit ? `; commit ${m.commit}` : ""}`;
}

/** Pads columns for a terminal, or writes a Markdown table with numbers right-aligned. */
export function table(header: readonly string[], rows: readonly string[][], format: TableFormat): string {
  const numeric = header.map((_, i) => i > 1 || (i === 1 && rows.every((r) => /^[\d.,–()\s]+$/.test(r[i] ?? ""))));
  if (format === "markdown") {
    const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
    const rule = `| ${header.map((_, i) => (numeric[i] ? "---:" : "---")).join(" | ")} |`;
    return [line(header), rule, ...rows.map(line)].join("\n");
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function withRange(s: Spread, digits: number, scale = 1): string {
  const f = (v: number) => fixed(v / scale, digits);
  return s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function grouped(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
