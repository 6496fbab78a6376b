import { trialOutcome, type TrialRecord } from "../log/index.js";
import { formatConfidence, formatPercent, type Rate, type Summary } from "../report/index.js";
import type { Threshold } from "./thresholds.js";

/** A test for a rule on the whole run: a threshold, or the share of unscored trials. */
export interface AggregateVerdict {
  name: string;
  passed: boolean;
  /** Why it failed: the rate, its interval and the floor. */
  message?: string;
  metric: string;
  meta: Record<string, unknown>;
}

export interface CaseVerdict {
  caseId: string;
  /** The case id with its pass rate across repeats, e.g. "refund-window  2/3 passed (67%)". */
  name: string;
  passed: boolean;
  /** The failing repeats: each failing check's reason, each judge's critique, each error. Absent when every repeat passed. */
  details?: string;
  meta: Record<string, unknown>;
}

export interface EvalVerdicts {
  cases: CaseVerdict[];
  aggregates: AggregateVerdict[];
}

export interface VerdictInput {
  summary: Summary;
  trials: readonly TrialRecord[];
  thresholds: readonly Threshold[];
  /** The suite's max_error_rate: above it `evalgate run` exits 1, so the eval fails too. */
  maxErrorRate: number;
}

const ERRORS = "unscored trials";

/**
 * The eval's verdict as vitest tests. Only aggregates decide: a threshold
 * below its floor, or more unscored trials than max_error_rate. A case test
 * fails only when an aggregate failed and the case counts against it (a
 * repeat failed the missed metric, or errored when the error budget was
 * exceeded); otherwise it passes, its name still showing its pass rate. So
 * the describe block fails exactly when an aggregate does, and its red cases
 * are the ones that explain why.
 */
export function evalVerdicts({ summary, trials, thresholds, maxErrorRate }: VerdictInput): EvalVerdicts {
  const aggregates = [...thresholds.map((t) => thresholdVerdict(t, summary)), errorBudgetVerdict(summary, maxErrorRate)];
  const missed = aggregates.filter((a) => !a.passed).map((a) => a.metric);
  const byCase = new Map<string, TrialRecord[]>(summary.cases.map((c) => [c.case_id, []]));
  for (const trial of [...trials].sort((a, b) => a.trial - b.trial)) byCase.get(trial.case_id)?.push(trial);
  const cases = summary.cases.map((c) => caseVerdict(c.case_id, byCase.get(c.case_id) ?? [], missed, summary));
  return { cases, aggregates };
}

function caseVerdict(caseId: string, trials: readonly TrialRecord[], missed: readonly string[], summary: Summary): CaseVerdict {
  const outcomes = trials.map(trialOutcome);
  const passed = outcomes.filter((o) => o === "pass").length;
  const errors = outcomes.filter((o) => o === "error").length;
  const scored = outcomes.length - errors;
  const against = missed.filter((metric) => trials.some((trial) => countsAgainst(trial, metric)));
  const failing = trials.filter((t) => trialOutcome(t) !== "pass");
  const rate = scored === 0 ? "none scored" : `${passed}/${scored} passed (${Math.round((passed / scored) * 100)}%)`;
  const name = `${caseId}  ${rate}${errors > 0 ? `, ${errors} unscored` : ""}`;
  const header =
    against.length > 0
      ? `${caseId} counts against ${against.map(describeMissed).join(" and ")}; ${passed} of ${outcomes.length} repeats passed:`
      : `${caseId}: ${passed} of ${outcomes.length} repeats passed:`;
  return {
    caseId,
    name,
    passed: against.length === 0,
    ...(failing.length > 0 ? { details: [header, ...failing.map(describeTrial)].join("\n") } : {}),
    meta: { run_id: summary.run_id, case_id: caseId, passed, failed: scored - passed, errors, repeats: summary.totals.repeats, outcomes, counts_against: against },
  };
}

function describeMissed(metric: string): string {
  return metric === ERRORS ? "the error budget (max_error_rate)" : `the ${metric} threshold`;
}

/** Whether this trial lowered the metric: it failed it, or (for the error budget) could not be scored. */
function countsAgainst(trial: TrialRecord, metric: string): boolean {
  const outcome = trialOutcome(trial);
  if (metric === ERRORS) return outcome === "error";
  if (metric === "overall") return outcome === "fail";
  if (metric.startsWith("tag:")) return outcome === "fail" && (trial.tags ?? []).includes(metric.slice("tag:".length));
  if (trial.status === "error") return false;
  return [...trial.checks, ...trial.judges].some((score) => score.id === metric && score.outcome === "fail");
}

function describeTrial(trial: TrialRecord): string {
  if (trial.status === "error") return `  trial ${trial.trial}: error: ${trial.error?.message ?? "the target failed"}`;
  const lines = [
    ...trial.checks.filter((c) => c.outcome !== "pass").map((c) => `    ${mark(c.outcome)} check ${c.id}: ${c.reason}`),
    ...trial.judges.filter((j) => j.outcome !== "pass").map((j) => `    ${mark(j.outcome)} judge ${j.id}: ${j.critique}`),
  ];
  return [`  trial ${trial.trial}: ${trialOutcome(trial)}`, ...lines].join("\n");
}

function mark(outcome: "pass" | "fail" | "error"): string {
  return outcome === "fail" ? "✖" : "?";
}

function rateOf(metric: string, summary: Summary): Rate | undefined {
  if (metric === "overall") return summary.overall.pass_rate;
  if (metric.startsWith("tag:")) return summary.tags.find((t) => `tag:${t.tag}` === metric)?.pass_rate;
  return summary.scores.find((s) => s.id === metric)?.pass_rate;
}

function thresholdVerdict({ metric, floor, on }: Threshold, summary: Summary): AggregateVerdict {
  const rate = rateOf(metric, summary);
  const level = formatConfidence(summary.confidence);
  const compared = on === "lower_bound" ? `the lower ${level} bound` : "the rate";
  const base = { metric, meta: { run_id: summary.run_id, metric, threshold: floor, on, rate: rate?.rate ?? null, low: rate?.low ?? null, high: rate?.high ?? null } };
  if (!rate || rate.rate === null) {
    return { ...base, name: `${metric} ≥ ${formatPercent(floor)}: nothing scored`, passed: false, message: `${metric}: no trial was scored, so its pass rate is unknown; the threshold ${formatPercent(floor)} is not met.` };
  }
  const value = on === "lower_bound" ? rate.low : rate.rate;
  const figures = `${formatPercent(rate.rate)} (${level} CI ${formatPercent(rate.low)}–${formatPercent(rate.high)}, ${rate.trials} trials over ${rate.cases} cases)`;
  const name = `${metric} ≥ ${formatPercent(floor)} on ${compared}: ${figures}`;
  if (value >= floor) return { ...base, name, passed: true };
  const wide = on === "lower_bound" && rate.rate >= floor ? " The rate itself meets it, but the interval is too wide to be sure: more cases narrow it." : "";
  return {
    ...base,
    name,
    passed: false,
    message: `${metric}: ${compared} ${formatPercent(value)} is below the threshold ${formatPercent(floor)}; pass rate ${figures}.${wide}`,
  };
}

function errorBudgetVerdict(summary: Summary, maxErrorRate: number): AggregateVerdict {
  const recorded = summary.totals.trials_recorded;
  const errors = summary.errors.trials;
  const rate = summary.errors.rate ?? 0;
  const name = `${ERRORS} ≤ ${formatPercent(maxErrorRate)} (max_error_rate): ${errors} of ${recorded}`;
  const meta = { run_id: summary.run_id, metric: ERRORS, threshold: maxErrorRate, errors, trials: recorded };
  if (rate <= maxErrorRate) return { name, passed: true, metric: ERRORS, meta };
  const common = summary.errors.messages.map((m) => `  ${m.count}× ${m.source}: ${m.message}`);
  return {
    name,
    passed: false,
    metric: ERRORS,
    meta,
    message: [`${errors} of ${recorded} trials could not be scored (${formatPercent(rate)}), more than max_error_rate ${formatPercent(maxErrorRate)} allows:`, ...common].join("\n"),
  };
}
