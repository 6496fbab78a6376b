import { NONE, formatConfidence, formatPercent, truncate } from "../report/index.js";
import type { GateResult, MetricComparison, RuleResult, SideRate } from "./gate-result-schema.js";
import { pValue, signedPoints } from "./internal/format-numbers.js";

const MARKS: Record<RuleResult["verdict"], string> = { fail: "✗", inconclusive: "?", warn: "!", pass: "✓" };
const CASES_LISTED = 3;
const REASON_MAX = 80;

/** The gate's verdict for a terminal: the headline, every rule that did not pass, the metrics, the cases that got worse. */
export function formatGateText(result: GateResult): string {
  const notPassed = result.rules.filter((r) => r.verdict !== "pass");
  const passed = result.rules.length - notPassed.length;
  const lines = [
    `evalgate gate: ${result.verdict.toUpperCase()}`,
    `candidate ${result.candidate.run_id} vs baseline ${result.baseline.run_id}: ${result.cases.shared} shared cases, ${result.rules_tested} rule checks` +
      (result.correction === "holm" ? " (Holm-corrected)" : ""),
    "",
    ...notPassed.map((r) => `${MARKS[r.verdict]} ${r.verdict.padEnd(12)} ${r.reason}`),
    ...(passed > 0 ? [`${MARKS.pass} ${passed} rule check${passed === 1 ? "" : "s"} passed`] : []),
    "",
    ...metricTable(result),
  ];
  // Cases only for the metrics a rule flagged: the Markdown and JSON outputs list every one.
  const flagged = new Set(notPassed.map((r) => r.metric));
  for (const m of result.metrics.filter((metric) => flagged.has(metric.id) && metric.newly_failing_cases.length > 0)) {
    const count = m.newly_failing_cases.length;
    lines.push("", `${m.id}: ${count} case${count === 1 ? "" : "s"} got worse`);
    const listed = m.newly_failing_cases.slice(0, CASES_LISTED);
    const width = Math.max(...listed.map((c) => c.case_id.length));
    for (const c of listed) {
      const reason = c.reasons[0] === undefined ? "" : `  ${truncate(c.reasons[0], REASON_MAX)}`;
      lines.push(`  ${c.case_id.padEnd(width)}  ${c.baseline.passed}/${c.baseline.trials} → ${c.candidate.passed}/${c.candidate.trials}${reason}`);
    }
    if (count > CASES_LISTED) lines.push(`  … and ${count - CASES_LISTED} more (--markdown or --json list them all)`);
  }
  return `${lines.join("\n")}\n`;
}

function metricTable(result: GateResult): string[] {
  const confidence = formatConfidence(result.confidence);
  const rows = [
    ["metric", "baseline", "candidate", `difference (${confidence} CI)`],
    ...result.metrics.filter((m) => m.kind !== "tag").map((m) => [m.id, side(m.baseline), side(m.candidate), difference(m)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
}

function side(rate: SideRate): string {
  if (rate.rate === null) return NONE;
  return `${formatPercent(rate.rate)} (${formatPercent(rate.low)}–${formatPercent(rate.high)})`;
}

function difference(m: MetricComparison): string {
  const d = m.difference;
  if (d.estimate === null) return NONE;
  const p = m.p_value === undefined ? "" : `  McNemar p=${pValue(m.p_value)}`;
  return `${signedPoints(d.estimate)} (${signedPoints(d.low)} to ${signedPoints(d.high)})${p}`;
}
