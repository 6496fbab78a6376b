import type { Rate } from "../summary-schema.js";

/** Shown wherever a value is undefined (nothing to measure), in text and Markdown alike. */
export const NONE = "—";

export function formatPercent(value: number | null): string {
  return value === null ? NONE : `${(value * 100).toFixed(1)}%`;
}

export function formatInterval(rate: Rate): string {
  return rate.rate === null ? NONE : `${formatPercent(rate.low)}–${formatPercent(rate.high)}`;
}

export function formatConfidence(confidence: number): string {
  return `${Number((confidence * 100).toFixed(2))}%`;
}

/** Thousands separators without Intl, so output never depends on the machine's locale. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Four decimals: judge calls cost fractions of a cent. */
export function formatUsd(value: number): string {
  return `$${value.toFixed(4)}`;
}

export function formatMs(value: number | null): string {
  return value === null ? NONE : `${formatCount(Math.round(value))} ms`;
}

/** Guard latencies: static guards take fractions of a millisecond, which whole milliseconds would show as 0. */
export function formatGuardMs(value: number | null): string {
  if (value === null) return NONE;
  return value < 10 ? `${value.toFixed(2)} ms` : formatMs(value);
}

/** One line, at most `max` characters, ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

const GLYPHS = { pass: "✓", fail: "✗", error: "!" } as const;

export function formatOutcomes(outcomes: ReadonlyArray<keyof typeof GLYPHS>): string {
  return outcomes.map((o) => GLYPHS[o]).join("");
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : pluralNoun}`;
}

/** Below this within-case share, repeats agree so often that only more cases narrow an interval. */
const REPEATS_BARELY_HELP = 0.2;

/** One sentence on how the intervals were computed and what would narrow them. */
export function describeIntervals(rate: Rate): string {
  if (rate.trials === 0) return "Intervals: nothing was scored.";
  const counted = `${plural(rate.cases, "case")}, ${plural(rate.trials, "scored trial")}`;
  if (rate.method === "wilson") return `Intervals: Wilson, one trial per case (${counted}).`;
  const share = rate.within_case_share;
  const advice =
    share === null
      ? ""
      : `; ${formatPercent(share)} of the variance is within cases` +
        (share < REPEATS_BARELY_HELP ? ": more cases narrow them, more repeats barely do" : "");
  return `Intervals: clustered by case (${counted}${advice}).`;
}
