import { NONE, formatConfidence, formatPercent, plural, truncate } from "../report/index.js";
import type { GateResult, MetricComparison, RegressedCase, RuleResult, SideRate, Verdict } from "./gate-result-schema.js";
import { pValue, signedPoints } from "./internal/format-numbers.js";
import { code, inline, row } from "./internal/markdown.js";
import { rulesByMetric, worstVerdict } from "./internal/rule-verdicts.js";

/**
 * A PR comment is read at a glance: a typical run stays under ~60 lines, and
 * the lists that grow with the suite are cut with a note saying where the rest is.
 */
const RULES_LISTED = 25;
const METRICS_LISTED = 30;
const CASES_LISTED = 10;
const REASONS_PER_CASE = 3;
const REASON_MAX = 200;
const ONE_SIDED_LISTED = 10;
/** GitHub rejects comments over 65,536 characters; the margin leaves room for a comment action's own marker. */
export const MARKDOWN_MAX_CHARS = 60_000;

const WORD: Record<Verdict, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", inconclusive: "INCONCLUSIVE" };
const MEANING: Record<Verdict, string> = {
  pass: "Every rule passed.",
  warn: "A regression cannot be ruled out, but none is clear; the gate does not block.",
  fail: "At least one rule failed.",
  inconclusive: "The evidence cannot decide at least one rule; more cases would.",
};
const FULL_RESULT = "`evalgate gate --json` has the full result";

/** The gate's result as a PR comment or job summary: verdict, rules that did not pass, metrics, newly failing cases. */
export function formatGateMarkdown(result: GateResult): string {
  const sections = [header(result), rules(result), metrics(result), newlyFailing(result), oneSided(result)];
  const text = sections
    .filter((section) => section.length > 0)
    .map((section) => section.join("\n"))
    .join("\n\n");
  return `${capped(text, MARKDOWN_MAX_CHARS)}\n`;
}

function header(r: GateResult): string[] {
  const details = [
    plural(r.cases.shared, "shared case"),
    plural(r.rules_tested, "rule check"),
    `${formatConfidence(r.confidence)} intervals (${r.interval}${r.correction === "holm" ? ", Holm-corrected" : ""})`,
  ];
  const refs = [r.candidate, r.baseline].some((side) => side.ref !== side.run_id)
    ? ["", `Candidate from ${code(r.candidate.ref)}, baseline from ${code(r.baseline.ref)}.`]
    : [];
  return [
    `## evalgate gate: ${WORD[r.verdict]} — candidate ${code(r.candidate.run_id)} vs baseline ${code(r.baseline.run_id)}`,
    "",
    `${MEANING[r.verdict]} ${details.join(" · ")}.`,
    ...refs,
  ];
}

function rules(r: GateResult): string[] {
  const notPassed = r.rules.filter((rule) => rule.verdict !== "pass");
  const passed = r.rules.length - notPassed.length;
  const lines = notPassed.slice(0, RULES_LISTED).map(ruleLine);
  if (notPassed.length > RULES_LISTED) lines.push(`- … and ${notPassed.length - RULES_LISTED} more rule checks did not pass; ${FULL_RESULT}.`);
  // A blank line after the list: a line right after it would continue its last item.
  if (lines.length > 0) lines.push("");
  if (r.rules.length === 0) lines.push("No rule was checked.");
  else lines.push(passed === r.rules.length ? `All ${plural(passed, "rule check")} passed.` : `${passed} of ${plural(r.rules.length, "rule check")} passed.`);
  return ["### Rules", "", ...lines];
}

function ruleLine(rule: RuleResult): string {
  return `- **${WORD[rule.verdict]}** ${code(rule.rule)}: ${inline(rule.reason)}`;
}

/** Every check, judge and overall; a tag only when a rule gated it, since tags multiply with the dataset. */
function metrics(r: GateResult): string[] {
  const gated = rulesByMetric(r);
  const shown = r.metrics.filter((m) => m.kind !== "tag" || gated.has(m.id));
  if (shown.length === 0) return [];
  const withP = shown.some((m) => m.p_value !== undefined);
  const head = ["Metric", "Gate", "Baseline", "Candidate", "Difference (pts)", ...(withP ? ["McNemar p"] : [])];
  const lines = [
    "### Metrics",
    "",
    `Pass rates on the shared cases with ${formatConfidence(r.confidence)} intervals clustered by case; the difference is candidate − baseline, paired by case, in percentage points.`,
    "",
    row(head),
    row(head.map((_, i) => (i < 2 ? "---" : "---:"))),
    ...shown.slice(0, METRICS_LISTED).map((m) => {
      const verdict = worstVerdict(gated.get(m.id) ?? []);
      return row([
        code(m.id),
        verdict === undefined ? NONE : WORD[verdict],
        side(m.baseline),
        side(m.candidate),
        difference(m),
        ...(withP ? [m.p_value === undefined ? NONE : pValue(m.p_value)] : []),
      ]);
    }),
  ];
  if (shown.length > METRICS_LISTED) lines.push("", `… and ${plural(shown.length - METRICS_LISTED, "more metric")}; ${FULL_RESULT}.`);
  return lines;
}

function side(rate: SideRate): string {
  return rate.rate === null ? NONE : `${formatPercent(rate.rate)} (${formatPercent(rate.low)}–${formatPercent(rate.high)})`;
}

function difference(m: MetricComparison): string {
  const d = m.difference;
  return d.estimate === null ? NONE : `${signedPoints(d.estimate)} (${signedPoints(d.low)} to ${signedPoints(d.high)})`;
}

interface WorseCase {
  caseId: string;
  /** Trials passed, baseline → candidate: on overall when the case got worse there, else on its first metric. */
  counts: RegressedCase;
  metrics: string[];
  reasons: string[];
}

/**
 * One row per case, however many metrics it got worse on: the overall list
 * comes first (largest drop first), and the reasons come from the checks and
 * judges, which name themselves ("grounded: …").
 */
function newlyFailing(r: GateResult): string[] {
  const byCase = new Map<string, WorseCase>();
  for (const m of r.metrics) {
    if (m.kind === "tag") continue;
    for (const c of m.newly_failing_cases) {
      let entry = byCase.get(c.case_id);
      if (!entry) byCase.set(c.case_id, (entry = { caseId: c.case_id, counts: c, metrics: [], reasons: [] }));
      if (m.kind === "overall") continue;
      entry.metrics.push(m.id);
      for (const reason of c.reasons) if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    }
  }
  const overall = r.metrics.find((m) => m.kind === "overall");
  for (const c of overall?.newly_failing_cases ?? []) {
    const entry = byCase.get(c.case_id)!;
    // Without checks or judges (a target that only errors, say), overall's joined reasons are all there is.
    if (entry.reasons.length === 0) entry.reasons = [...new Set(c.reasons)];
  }
  const cases = [...byCase.values()];
  if (cases.length === 0) return [];
  const lines = [
    `### Newly failing cases (${cases.length})`,
    "",
    row(["Case", "Trials passed", "Worse on", "Why"]),
    row(["---", "---:", "---", "---"]),
    ...cases.slice(0, CASES_LISTED).map((c) =>
      row([
        code(c.caseId),
        `${c.counts.baseline.passed}/${c.counts.baseline.trials} → ${c.counts.candidate.passed}/${c.counts.candidate.trials}`,
        c.metrics.length === 0 ? code("overall") : c.metrics.map(code).join(", "),
        reasons(c.reasons),
      ]),
    ),
  ];
  if (cases.length > CASES_LISTED) lines.push("", `… and ${plural(cases.length - CASES_LISTED, "more case")}; ${FULL_RESULT}.`);
  return lines;
}

function reasons(all: readonly string[]): string {
  if (all.length === 0) return NONE;
  const shown = all.slice(0, REASONS_PER_CASE).map((reason) => inline(truncate(reason, REASON_MAX)));
  const more = all.length - REASONS_PER_CASE;
  return shown.join("<br>") + (more > 0 ? `<br>(+${more} more)` : "");
}

function oneSided(r: GateResult): string[] {
  const list = (ids: readonly string[]) =>
    ids.slice(0, ONE_SIDED_LISTED).map(code).join(", ") + (ids.length > ONE_SIDED_LISTED ? `, … (${ids.length} in all)` : "");
  const parts = [
    r.cases.baseline_only.length > 0 ? `${plural(r.cases.baseline_only.length, "case")} ran only in the baseline (${list(r.cases.baseline_only)})` : "",
    r.cases.candidate_only.length > 0 ? `${plural(r.cases.candidate_only.length, "case")} ran only in the candidate (${list(r.cases.candidate_only)})` : "",
  ].filter((part) => part !== "");
  return parts.length === 0 ? [] : [`Not compared: ${parts.join("; ")}.`];
}

/** Cuts at a line boundary, so a table or code span is never left half-written. */
function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n\n_Cut to fit a GitHub comment (${thousands(max)} characters); ${FULL_RESULT}._`;
  const kept: string[] = [];
  let length = 0;
  for (const line of text.split("\n")) {
    if (length + line.length + 1 + note.length > max) break;
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join("\n").trimEnd() + note;
}

/** No Intl: the text must not depend on the machine's locale. */
function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
