import { palette, type Palette } from "./internal/ansi.js";
import {
  describeIntervals,
  formatConfidence,
  formatCount,
  formatInterval,
  formatGuardMs,
  formatMs,
  formatOutcomes,
  formatPercent,
  formatUsd,
  plural,
  truncate,
} from "./internal/format.js";
import { CORRECTED_HEADERS, correctedNote, correctedRows } from "./internal/corrected-rows.js";
import { layoutColumns, type Column } from "./internal/text-table.js";
import type { Summary, UsageTotals } from "./summary-schema.js";

export interface FormatTableOptions {
  /** ANSI colours; off unless asked for (the CLI decides from the TTY and NO_COLOR). */
  color?: boolean;
}

/** The output stays within this many columns. */
const WIDTH = 100;
const FLAKY_LISTED = 10;
const TAGS_LISTED = 8;
const FAILING_LISTED_PER_JUDGE = 3;

/** The terminal summary of a run: compact, aligned, at most 100 columns wide. */
export function formatSummaryTable(summary: Summary, options: FormatTableOptions = {}): string {
  const p = palette(options.color === true);
  const sections = [
    header(summary, p),
    scoreTable(summary, p),
    guardrails(summary, p),
    corrected(summary, p),
    tagTable(summary),
    [describeIntervals(summary.overall.pass_rate)],
    reliability(summary),
    errors(summary, p),
    performance(summary),
    flaky(summary),
    failureModes(summary, p),
    failingCases(summary, p),
  ];
  return sections
    .filter((s) => s.length > 0)
    .map((s) => s.join("\n"))
    .join("\n\n");
}

function header(s: Summary, p: Palette): string[] {
  const partial = s.totals.trials_recorded < s.totals.trials_expected ? p.yellow(" (partial)") : "";
  return [
    `${p.bold(truncate(s.suite, 40))} · run ${truncate(s.run_id, 40)} · ${s.status}`,
    `${plural(s.totals.cases, "case")} × ${plural(s.totals.repeats, "repeat")}: ` +
      `${formatCount(s.totals.trials_recorded)} of ${formatCount(s.totals.trials_expected)} trials recorded${partial}`,
  ];
}

function scoreTable(s: Summary, p: Palette): string[] {
  const columns: Column[] = [
    { header: "score", align: "left", maxWidth: 24 },
    { header: "kind", align: "left" },
    { header: "type / failure mode", align: "left", maxWidth: 20 },
    { header: "pass rate", align: "right" },
    { header: `${formatConfidence(s.confidence)} CI`, align: "right" },
    { header: "pass", align: "right" },
    { header: "fail", align: "right" },
    { header: "err", align: "right" },
  ];
  const rows = s.scores.map((score) => [
    score.id,
    score.kind,
    score.kind === "check" ? score.type : score.failure_mode,
    formatPercent(score.pass_rate.rate),
    formatInterval(score.pass_rate),
    formatCount(score.passed),
    formatCount(score.failed),
    formatCount(score.errors),
  ]);
  const o = s.overall;
  rows.push([
    "overall",
    "",
    "",
    formatPercent(o.pass_rate.rate),
    formatInterval(o.pass_rate),
    formatCount(o.passed),
    formatCount(o.failed),
    formatCount(o.errors),
  ]);
  const overallRow = rows.length - 1;
  return layoutColumns(columns, rows, (cell, row, column) => {
    if (row < 0 || row === overallRow) return p.bold(cell);
    if (column === 6 && cell.trim() !== "0") return p.red(cell);
    if (column === 7 && cell.trim() !== "0") return p.yellow(cell);
    return cell;
  });
}

/** Guard decisions: how often each guard triggered, per stage (report.md and summary.json have the same). */
function guardrails(s: Summary, p: Palette): string[] {
  if (!s.guardrails || s.guardrails.length === 0) return [];
  const columns: Column[] = [
    { header: "guardrail", align: "left", maxWidth: 24 },
    { header: "stage", align: "left" },
    { header: "action", align: "left" },
    { header: "type", align: "left", maxWidth: 14 },
    { header: "triggered", align: "right" },
    { header: "rate", align: "right" },
    { header: "cases", align: "right" },
    { header: "err", align: "right" },
    { header: "p95", align: "right" },
  ];
  const rows = s.guardrails.map((g) => [
    g.id,
    g.stage,
    g.action,
    g.type,
    `${formatCount(g.triggered)} of ${formatCount(g.runs)}`,
    formatPercent(g.trigger_rate),
    formatCount(g.cases_triggered),
    formatCount(g.errors),
    formatGuardMs(g.latency_ms.p95),
  ]);
  return layoutColumns(columns, rows, (cell, row, column) => {
    if (row < 0) return p.bold(cell);
    if (column === 7 && cell.trim() !== "0") return p.yellow(cell);
    return cell;
  });
}

/** Aligned judges: the pass rate corrected for the judge's measured errors, next to the raw one. */
function corrected(s: Summary, p: Palette): string[] {
  const { estimated, refused } = correctedRows(s);
  if (estimated.length === 0 && refused.length === 0) return [];
  const columns: Column[] = CORRECTED_HEADERS.map((header, i) => ({
    header: header === "CI" ? `${formatConfidence(s.confidence)} CI` : header,
    align: i === 0 || i === CORRECTED_HEADERS.length - 1 ? "left" : "right",
    ...(i === 0 ? { maxWidth: 20 } : i === CORRECTED_HEADERS.length - 1 ? { maxWidth: 24 } : {}),
  }));
  const lines = [p.bold("judge pass rates corrected with human labels")];
  if (estimated.length > 0) lines.push(...layoutColumns(columns, estimated, (cell, row) => (row < 0 ? p.dim(cell) : cell)));
  for (const line of refused) lines.push(...wrap(line, WIDTH - 4).map((part, i) => p.yellow(`${i === 0 ? "  " : "    "}${part}`)));
  if (estimated.length > 0) lines.push(...wrap(correctedNote(s), WIDTH).map((part) => p.dim(part)));
  return lines;
}

/** Words over lines of at most `width` characters: a refusal reason is read whole, never cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The terminal lists only tags where something failed, weakest first; report.md has them all. */
function tagTable(s: Summary): string[] {
  const failing = s.tags.filter((t) => t.failed > 0).sort((a, b) => (a.pass_rate.rate ?? 1) - (b.pass_rate.rate ?? 1));
  if (failing.length === 0) return [];
  const columns: Column[] = [
    { header: "tag", align: "left", maxWidth: 24 },
    { header: "pass rate", align: "right" },
    { header: `${formatConfidence(s.confidence)} CI`, align: "right" },
    { header: "cases", align: "right" },
    { header: "trials", align: "right" },
  ];
  const rows = failing
    .slice(0, TAGS_LISTED)
    .map((t) => [t.tag, formatPercent(t.pass_rate.rate), formatInterval(t.pass_rate), formatCount(t.pass_rate.cases), formatCount(t.pass_rate.trials)]);
  const lines = layoutColumns(columns, rows, (cell) => cell);
  const unlisted = s.tags.length - Math.min(failing.length, TAGS_LISTED);
  if (unlisted > 0) lines.push(`  … and ${plural(unlisted, "more tag")} (${plural(s.tags.length - failing.length, "tag")} without failures; see report.md)`);
  return lines;
}

function reliability(s: Summary): string[] {
  const k = s.pass_k;
  const excluded = k.cases_excluded === 0 ? "" : `; ${k.cases_excluded} left out with fewer than ${k.k} scored trials`;
  return [
    `pass@${k.k} ${formatPercent(k.pass_at_k)} · pass^${k.k} ${formatPercent(k.pass_hat_k)}` +
      `  (mean over ${plural(k.cases_included, "case")}${excluded})`,
  ];
}

function errors(s: Summary, p: Palette): string[] {
  const e = s.errors;
  const lines = [
    `errors  ${formatCount(e.trials)} of ${plural(s.totals.trials_recorded, "trial")} unscored (${formatPercent(e.rate)})`,
  ];
  const paint = e.trials > 0 ? p.yellow : (text: string) => text;
  for (const m of e.messages) lines.push(paint(`  ${truncate(`${m.count}× ${m.source}: ${m.message}`, WIDTH - 2)}`));
  const unlisted = e.distinct_messages - e.messages.length;
  if (unlisted > 0) lines.push(`  … and ${plural(unlisted, "other message")}`);
  return lines;
}

function performance(s: Summary): string[] {
  const l = s.latency_ms;
  const u = s.usage;
  return [
    `latency p50 ${formatMs(l.p50)} · p95 ${formatMs(l.p95)} (${plural(l.trials, "answered trial")})`,
    `usage   target ${usageLine(u.target)}`,
    `        judges ${usageLine(u.judges)}`,
    `        total ${formatUsd(u.total_cost_usd)}`,
  ];
}

function usageLine(u: UsageTotals): string {
  return `${formatCount(u.input_tokens)} in / ${formatCount(u.output_tokens)} out tokens · ${formatUsd(u.cost_usd)} · ${formatCount(u.cache_hits)} cached`;
}

function flaky(s: Summary): string[] {
  if (s.flaky_cases.length === 0) return [];
  const flakyCases = s.cases.filter((c) => c.flaky);
  const lines = [`flaky cases (${flakyCases.length}; ✓ pass ✗ fail ! error)`];
  for (const c of flakyCases.slice(0, FLAKY_LISTED))
    lines.push(`  ${formatOutcomes(c.outcomes)}  ${truncate(c.case_id, WIDTH - 20)}`);
  if (flakyCases.length > FLAKY_LISTED) lines.push(`  … and ${flakyCases.length - FLAKY_LISTED} more`);
  return lines;
}

function failureModes(s: Summary, p: Palette): string[] {
  if (s.failure_modes.length === 0) return [];
  const columns: Column[] = [
    { header: "#", align: "right" },
    { header: "failure mode", align: "left", maxWidth: 24 },
    { header: "source", align: "left", maxWidth: 24 },
    { header: "failed trials", align: "right" },
    { header: "cases", align: "right" },
    { header: "of scored", align: "right" },
    { header: "of failures", align: "right" },
  ];
  const rows = s.failure_modes.map((m, i) => [
    String(i + 1),
    m.label,
    m.kind === "check" ? `check (${m.check_type})` : `judge ${m.id}`,
    formatCount(m.failed_trials),
    formatCount(m.failed_cases),
    formatPercent(m.share_of_scored),
    formatPercent(m.share_of_failures),
  ]);
  return [p.bold("failure modes"), ...layoutColumns(columns, rows, (cell, row) => (row < 0 ? p.dim(cell) : cell))];
}

function failingCases(s: Summary, p: Palette): string[] {
  const lines: string[] = [];
  for (const score of s.scores) {
    if (score.kind !== "judge" || score.failing.length === 0) continue;
    lines.push(
      p.bold(truncate(`${score.id} (${score.failure_mode}): ${plural(score.failing.length, "failing trial")}`, WIDTH)),
    );
    for (const f of score.failing.slice(0, FAILING_LISTED_PER_JUDGE)) {
      lines.push(`  ${truncate(`${f.case_id} #${f.trial}: ${f.critique}`, WIDTH - 2)}`);
    }
    const more = score.failing.length - FAILING_LISTED_PER_JUDGE;
    if (more > 0) lines.push(p.dim(`  … and ${more} more (see report.md or summary.json)`));
  }
  return lines;
}
