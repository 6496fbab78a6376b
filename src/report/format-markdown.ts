import {
  describeIntervals,
  formatConfidence,
  formatCount,
  formatGuardMs,
  formatInterval,
  formatMs,
  formatOutcomes,
  formatPercent,
  formatUsd,
  plural,
  truncate,
} from "./internal/format.js";
import { CORRECTED_HEADERS, correctedNote, correctedRows } from "./internal/corrected-rows.js";
import type { Summary, UsageTotals } from "./summary-schema.js";

/** report.md keeps more than the terminal, but a run with thousands of failures must stay readable. */
const FAILING_LISTED_PER_JUDGE = 20;
const CRITIQUE_MAX = 500;

/** The run summary as Markdown: report.md in the run directory, also logged to MLflow. */
export function formatSummaryMarkdown(summary: Summary): string {
  const sections = [
    header(summary),
    scores(summary),
    guardrails(summary),
    corrected(summary),
    tags(summary),
    reliability(summary),
    failureModes(summary),
    flaky(summary),
    failingCases(summary),
    errors(summary),
    performance(summary),
  ];
  return `${sections
    .filter((s) => s.length > 0)
    .map((s) => s.join("\n"))
    .join("\n\n")}\n`;
}

function header(s: Summary): string[] {
  const o = s.overall;
  const partial = s.totals.trials_recorded < s.totals.trials_expected ? " — **partial run**" : "";
  return [
    `# evalgate report: ${cell(s.suite)}`,
    "",
    `Run \`${s.run_id}\` · ${s.status} · started ${s.started_at}${s.ended_at ? ` · ended ${s.ended_at}` : ""}`,
    "",
    `${plural(s.totals.cases, "case")} × ${plural(s.totals.repeats, "repeat")}: ` +
      `${formatCount(s.totals.trials_recorded)} of ${formatCount(s.totals.trials_expected)} trials recorded${partial}.`,
    "",
    `**Overall pass rate: ${formatPercent(o.pass_rate.rate)}** (${formatConfidence(s.confidence)} CI ${formatInterval(o.pass_rate)}): ` +
      `${formatCount(o.passed)} passed, ${formatCount(o.failed)} failed, ${formatCount(o.errors)} unscored (excluded from the rate).`,
    "",
    describeIntervals(o.pass_rate),
  ];
}

function scores(s: Summary): string[] {
  if (s.scores.length === 0) return [];
  return [
    "## Scores",
    "",
    row([
      "Score",
      "Kind",
      "Type / failure mode",
      "Pass rate",
      `${formatConfidence(s.confidence)} CI`,
      "Pass",
      "Fail",
      "Err",
    ]),
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...s.scores.map((score) =>
      row([
        `\`${score.id}\``,
        score.kind,
        score.kind === "check" ? score.type : score.failure_mode,
        formatPercent(score.pass_rate.rate),
        formatInterval(score.pass_rate),
        formatCount(score.passed),
        formatCount(score.failed),
        formatCount(score.errors),
      ]),
    ),
  ];
}

function guardrails(s: Summary): string[] {
  if (!s.guardrails || s.guardrails.length === 0) return [];
  return [
    "## Guardrails",
    "",
    "How often each guard triggered. A block answers with the fallback, a redaction masks what was found, a warning only records it.",
    "",
    row(["Guard", "Stage", "Action", "Type", "Triggered", "Rate", "Cases", "Errors", "p50", "p95"]),
    "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...s.guardrails.map((g) =>
      row([
        `\`${g.id}\``,
        g.stage,
        g.action,
        g.type,
        `${formatCount(g.triggered)} of ${formatCount(g.runs)}`,
        formatPercent(g.trigger_rate),
        formatCount(g.cases_triggered),
        formatCount(g.errors),
        formatGuardMs(g.latency_ms.p50),
        formatGuardMs(g.latency_ms.p95),
      ]),
    ),
  ];
}

function corrected(s: Summary): string[] {
  const { estimated, refused } = correctedRows(s);
  if (estimated.length === 0 && refused.length === 0) return [];
  const lines = ["## Judge pass rates corrected with human labels", ""];
  if (estimated.length > 0) {
    const headers = CORRECTED_HEADERS.map((h) => (h === "CI" ? `${formatConfidence(s.confidence)} CI` : h[0]!.toUpperCase() + h.slice(1)));
    lines.push(row(headers), "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |", ...estimated.map((cells) => row([`\`${cells[0]}\``, ...cells.slice(1)])), "", correctedNote(s));
  }
  if (refused.length > 0) {
    if (estimated.length > 0) lines.push("");
    lines.push(...refused.map((line) => `- ${cell(line)}`));
  }
  return lines;
}

function tags(s: Summary): string[] {
  if (s.tags.length === 0) return [];
  return [
    "## Tags",
    "",
    row(["Tag", "Pass rate", `${formatConfidence(s.confidence)} CI`, "Cases", "Trials"]),
    "| --- | ---: | ---: | ---: | ---: |",
    ...s.tags.map((t) =>
      row([`\`${t.tag}\``, formatPercent(t.pass_rate.rate), formatInterval(t.pass_rate), formatCount(t.pass_rate.cases), formatCount(t.pass_rate.trials)]),
    ),
  ];
}

function reliability(s: Summary): string[] {
  const k = s.pass_k;
  const excluded =
    k.cases_excluded === 0 ? "" : ` ${plural(k.cases_excluded, "case")} with fewer than ${k.k} scored trials left out.`;
  return [
    "## Reliability",
    "",
    `- pass@${k.k} (at least one of ${k.k} trials passes): **${formatPercent(k.pass_at_k)}**`,
    `- pass^${k.k} (all ${k.k} trials pass): **${formatPercent(k.pass_hat_k)}**`,
    "",
    `Mean over ${plural(k.cases_included, "case")}; unscored trials are excluded.${excluded}`,
  ];
}

function failureModes(s: Summary): string[] {
  if (s.failure_modes.length === 0) return [];
  return [
    "## Failure modes",
    "",
    row(["#", "Failure mode", "Source", "Failed trials", "Cases", "Share of scored", "Share of failures"]),
    "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ...s.failure_modes.map((m, i) =>
      row([
        String(i + 1),
        m.label,
        m.kind === "check" ? `check (${m.check_type})` : `judge \`${m.id}\``,
        formatCount(m.failed_trials),
        formatCount(m.failed_cases),
        formatPercent(m.share_of_scored),
        formatPercent(m.share_of_failures),
      ]),
    ),
  ];
}

function flaky(s: Summary): string[] {
  const flakyCases = s.cases.filter((c) => c.flaky);
  if (flakyCases.length === 0) return [];
  return [
    "## Flaky cases",
    "",
    "Some trials pass and some fail (✓ pass, ✗ fail, ! unscored).",
    "",
    row(["Case", "Trials", "Pass", "Fail", "Err"]),
    "| --- | --- | ---: | ---: | ---: |",
    ...flakyCases.map((c) =>
      row([`\`${c.case_id}\``, formatOutcomes(c.outcomes), String(c.passed), String(c.failed), String(c.errors)]),
    ),
  ];
}

function failingCases(s: Summary): string[] {
  const lines: string[] = [];
  for (const score of s.scores) {
    if (score.kind !== "judge" || score.failing.length === 0) continue;
    lines.push(
      `### \`${score.id}\`: ${cell(score.failure_mode)} (${plural(score.failing.length, "failing trial")})`,
      "",
    );
    lines.push(row(["Case", "Trial", "Critique"]), "| --- | ---: | --- |");
    for (const f of score.failing.slice(0, FAILING_LISTED_PER_JUDGE)) {
      lines.push(row([`\`${f.case_id}\``, String(f.trial), truncate(f.critique, CRITIQUE_MAX)]));
    }
    const more = score.failing.length - FAILING_LISTED_PER_JUDGE;
    if (more > 0) lines.push("", `… and ${more} more in summary.json.`);
    lines.push("");
  }
  if (lines.length === 0) return [];
  lines.pop();
  return ["## Failing cases by judge", "", ...lines];
}

function errors(s: Summary): string[] {
  const e = s.errors;
  const lines = [
    "## Errors",
    "",
    `${formatCount(e.trials)} of ${plural(s.totals.trials_recorded, "trial")} could not be scored (${formatPercent(e.rate)}).`,
  ];
  if (e.messages.length === 0) return lines;
  lines.push("", row(["Count", "Source", "Message"]), "| ---: | --- | --- |");
  for (const m of e.messages) lines.push(row([formatCount(m.count), m.source, truncate(m.message, CRITIQUE_MAX)]));
  const unlisted = e.distinct_messages - e.messages.length;
  if (unlisted > 0) lines.push("", `… and ${plural(unlisted, "other message")}.`);
  return lines;
}

function performance(s: Summary): string[] {
  const l = s.latency_ms;
  const u = s.usage;
  return [
    "## Latency and usage",
    "",
    `Latency over ${plural(l.trials, "answered trial")}: p50 ${formatMs(l.p50)}, p95 ${formatMs(l.p95)}.`,
    "",
    row(["", "Input tokens", "Output tokens", "Cost", "Cached calls"]),
    "| --- | ---: | ---: | ---: | ---: |",
    usageRow("Target", u.target),
    usageRow("Judges", u.judges),
    row(["**Total**", "", "", `**${formatUsd(u.total_cost_usd)}**`, ""]),
  ];
}

function usageRow(label: string, u: UsageTotals): string {
  return row([
    label,
    formatCount(u.input_tokens),
    formatCount(u.output_tokens),
    formatUsd(u.cost_usd),
    formatCount(u.cache_hits),
  ]);
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

/**
 * A table cell must stay on one line and must not close the cell early; "<" is
 * escaped so that model-written critiques never become HTML in a viewer.
 */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;");
}
