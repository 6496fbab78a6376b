/**
 * The batch summary as evalgate computed it before summaries were aggregated
 * one trial at a time: every trial in memory, sorted, then summarised. Kept
 * verbatim (judge alignment left out) as the oracle of the property test that
 * the incremental aggregator gives the same Summary.
 */
import { orderTrials, trialOutcome, type CheckResult, type GuardDecision, type JudgeVerdict, type Outcome, type RunManifest, type TokenUsage, type TrialRecord } from "../../src/log/index.js";
import type { CaseSummary, CheckScore, ErrorMessageCount, FailureModeRow, GuardrailSummary, JudgeScore, Rate, ScoreSummary, Summary, TagScore } from "../../src/report/index.js";
import { SUMMARY_SCHEMA_VERSION } from "../../src/report/index.js";
import { clusteredProportion, passAtK, passHatK, percentile, type CaseCounts } from "../../src/stats/index.js";

type UsageTotals = Summary["usage"]["target"];

// ---- as in src/report/internal/case-summaries.ts before summaries were aggregated incrementally

/** `trials` must already be in case then trial order (see orderTrials). */
function summarizeCases(caseIds: readonly string[], trials: readonly TrialRecord[]): CaseSummary[] {
  const byCase = new Map<string, CaseSummary>(
    caseIds.map((id) => [id, { case_id: id, outcomes: [], passed: 0, failed: 0, errors: 0, flaky: false }]),
  );
  for (const trial of trials) {
    const summary = byCase.get(trial.case_id)!;
    const outcome = trialOutcome(trial);
    summary.outcomes.push(outcome);
    if (outcome === "pass") summary.passed += 1;
    else if (outcome === "fail") summary.failed += 1;
    else summary.errors += 1;
  }
  for (const summary of byCase.values()) summary.flaky = summary.passed > 0 && summary.failed > 0;
  return [...byCase.values()];
}

// ---- as in src/report/internal/outcome-counts.ts before summaries were aggregated incrementally

interface OutcomeCounts {
  passed: number;
  failed: number;
  errors: number;
  pass_rate: Rate;
}

/** One scored (or unscored) trial of one case. */
interface CaseOutcome {
  case_id: string;
  outcome: Outcome;
}

/**
 * Errors are counted but kept out of the rate: unscored is neither pass nor
 * fail. The interval clusters by case, since a case's repeats are correlated.
 */
function countOutcomes(outcomes: Iterable<CaseOutcome>, confidence: number): OutcomeCounts {
  let errors = 0;
  const byCase = new Map<string, CaseCounts>();
  for (const { case_id, outcome } of outcomes) {
    if (outcome === "error") {
      errors += 1;
      continue;
    }
    const counts = byCase.get(case_id) ?? { passed: 0, trials: 0 };
    counts.trials += 1;
    if (outcome === "pass") counts.passed += 1;
    byCase.set(case_id, counts);
  }
  const interval = clusteredProportion([...byCase.values()], confidence);
  const passed = [...byCase.values()].reduce((sum, c) => sum + c.passed, 0);
  return {
    passed,
    failed: interval.trials - passed,
    errors,
    pass_rate: {
      rate: interval.estimate,
      low: interval.low,
      high: interval.high,
      trials: interval.trials,
      cases: interval.cases,
      method: interval.method,
      design_effect: interval.design_effect,
      within_case_share: interval.within_case_share,
    },
  };
}

function caseOutcome(trial: TrialRecord): CaseOutcome {
  return { case_id: trial.case_id, outcome: trialOutcome(trial) };
}

// ---- as in src/report/internal/error-messages.ts before summaries were aggregated incrementally

/**
 * Every target error and every check or judge that could not be scored, also
 * in trials that failed for another reason: all of them need fixing. Grouped
 * by source and exact message, most frequent first, ties in first-seen order.
 */
function countErrorMessages(trials: readonly TrialRecord[]): ErrorMessageCount[] {
  const counts = new Map<string, ErrorMessageCount>();
  const add = (source: string, message: string) => {
    const key = JSON.stringify([source, message]);
    const existing = counts.get(key);
    if (existing) existing.count += 1;
    else counts.set(key, { source, message, count: 1 });
  };
  for (const trial of trials) {
    if (trial.status === "error") add("target", trial.error?.message ?? "(no error message recorded)");
    for (const check of trial.checks) if (check.outcome === "error") add(`check ${check.id}`, check.reason);
    for (const judge of trial.judges) if (judge.outcome === "error") add(`judge ${judge.id}`, judge.critique);
  }
  // Array.prototype.sort is stable, so equal counts keep first-seen order.
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

// ---- as in src/report/internal/usage.ts before summaries were aggregated incrementally

/** What one model call (a target trial or a judge verdict) reports about its cost. */
interface CallUsage {
  usage?: TokenUsage | undefined;
  cost_usd?: number | undefined;
  cached?: boolean | undefined;
}

function totalUsage(calls: Iterable<CallUsage>): UsageTotals {
  const totals: UsageTotals = { input_tokens: 0, output_tokens: 0, cost_usd: 0, cache_hits: 0, calls_with_usage: 0 };
  for (const call of calls) {
    if (call.usage) {
      totals.input_tokens += call.usage.input_tokens;
      totals.output_tokens += call.usage.output_tokens;
      totals.calls_with_usage += 1;
    }
    totals.cost_usd += call.cost_usd ?? 0;
    if (call.cached === true) totals.cache_hits += 1;
  }
  return totals;
}

// ---- as in src/report/internal/score-summaries.ts before summaries were aggregated incrementally

interface Located<T> {
  trial: TrialRecord;
  result: T;
}

/**
 * One entry per check, then per judge, in manifest order; ids that appear only
 * in the results log (a config changed mid-run) follow in first-seen order.
 */
function summarizeScores(
  manifest: Pick<RunManifest, "checks" | "judges">,
  trials: readonly TrialRecord[],
  confidence: number,
): ScoreSummary[] {
  const checks = groupById(manifest.checks, trials, (t) => t.checks);
  const judges = groupById(manifest.judges, trials, (t) => t.judges);
  const manifestChecks = new Map(manifest.checks.map((c) => [c.id, c]));
  const manifestJudges = new Map(manifest.judges.map((j) => [j.id, j]));

  const checkScores = [...checks].map(([id, results]): CheckScore => ({
    kind: "check",
    id,
    type: manifestChecks.get(id)?.type ?? results[0]?.result.type ?? "unknown",
    ...countOutcomes(
      results.map((r) => ({ case_id: r.trial.case_id, outcome: r.result.outcome })),
      confidence,
    ),
  }));
  const judgeScores = [...judges].map(([id, verdicts]): JudgeScore => {
    const declared = manifestJudges.get(id) ?? verdicts[0]?.result;
    return {
      kind: "judge",
      id,
      failure_mode: declared?.failure_mode ?? id,
      version: declared?.version ?? "unknown",
      model: declared?.model ?? "unknown",
      ...countOutcomes(
        verdicts.map((v) => ({ case_id: v.trial.case_id, outcome: v.result.outcome })),
        confidence,
      ),
      failing: verdicts
        .filter((v) => v.result.outcome === "fail")
        .map((v) => ({ case_id: v.trial.case_id, trial: v.trial.trial, critique: v.result.critique })),
      usage: totalUsage(verdicts.map((v) => v.result)),
    };
  });
  return [...checkScores, ...judgeScores];
}

function groupById<T extends CheckResult | JudgeVerdict>(
  declared: ReadonlyArray<{ id: string }>,
  trials: readonly TrialRecord[],
  resultsOf: (trial: TrialRecord) => readonly T[],
): Map<string, Array<Located<T>>> {
  const groups = new Map<string, Array<Located<T>>>(declared.map((d) => [d.id, []]));
  for (const trial of trials) {
    for (const result of resultsOf(trial)) {
      const group = groups.get(result.id);
      if (group) group.push({ trial, result });
      else groups.set(result.id, [{ trial, result }]);
    }
  }
  return groups;
}

// ---- as in src/report/internal/tag-summaries.ts before summaries were aggregated incrementally

/** Pass rates per dataset tag, tags in first-seen order (cases carry their tags on every trial). */
function summarizeTags(trials: readonly TrialRecord[], confidence: number): TagScore[] {
  const byTag = new Map<string, TrialRecord[]>();
  for (const trial of trials) {
    for (const tag of new Set(trial.tags ?? [])) {
      const tagged = byTag.get(tag) ?? [];
      tagged.push(trial);
      byTag.set(tag, tagged);
    }
  }
  return [...byTag].map(([tag, tagged]) => ({ tag, ...countOutcomes(tagged.map(caseOutcome), confidence) }));
}

// ---- as in src/report/internal/guardrail-summaries.ts before summaries were aggregated incrementally

/**
 * Trigger counts per guard and stage, input stage first, guards in the order
 * their decisions first appear. Undefined when no trial carries guardrails.
 */
function summarizeGuardrails(trials: readonly TrialRecord[]): GuardrailSummary[] | undefined {
  if (!trials.some((t) => t.guardrails !== undefined)) return undefined;
  const byGuard = new Map<string, { first: GuardDecision; decisions: GuardDecision[]; cases: Set<string> }>();
  for (const trial of trials) {
    for (const decision of trial.guardrails ?? []) {
      const key = `${decision.stage}\0${decision.id}`;
      const entry = byGuard.get(key) ?? { first: decision, decisions: [], cases: new Set<string>() };
      entry.decisions.push(decision);
      if (decision.triggered) entry.cases.add(trial.case_id);
      byGuard.set(key, entry);
    }
  }
  const summaries = [...byGuard.values()].map(({ first, decisions, cases }): GuardrailSummary => {
    const triggered = decisions.filter((d) => d.triggered).length;
    const latencies = decisions.map((d) => d.latency_ms);
    return {
      id: first.id,
      type: first.type,
      stage: first.stage,
      action: first.action,
      runs: decisions.length,
      triggered,
      trigger_rate: decisions.length === 0 ? null : triggered / decisions.length,
      cases_triggered: cases.size,
      errors: decisions.filter((d) => d.error !== undefined).length,
      latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
  });
  // Stable: guards keep their first-seen order within a stage.
  return summaries.sort((a, b) => (a.stage === b.stage ? 0 : a.stage === "input" ? -1 : 1));
}

// ---- as in src/report/failure-modes.ts before summaries were aggregated incrementally

/**
 * The failure-mode table: code checks and judges together, ranked by how many
 * trials fail them (then by distinct cases, then id). This is the pivot teams
 * otherwise build by hand from a spreadsheet of critiques. Only modes with at
 * least one failing trial are listed; a trial failing two modes counts in both,
 * so shares can add up to more than the run's failure rate.
 *
 * Expects one record per (case, trial), as summarize passes them.
 */
function rankFailureModes(trials: readonly TrialRecord[]): FailureModeRow[] {
  let scored = 0;
  let failing = 0;
  const modes = new Map<
    string,
    { row: Omit<FailureModeRow, "failed_cases" | "share_of_scored" | "share_of_failures">; cases: Set<string> }
  >();
  const fail = (identity: Pick<FailureModeRow, "kind" | "id" | "label" | "check_type">, caseId: string) => {
    const key = `${identity.kind} ${identity.id}`;
    let mode = modes.get(key);
    if (!mode) {
      mode = { row: { ...identity, failed_trials: 0 }, cases: new Set() };
      modes.set(key, mode);
    }
    mode.row.failed_trials += 1;
    mode.cases.add(caseId);
  };

  for (const trial of trials) {
    const outcome = trialOutcome(trial);
    if (outcome === "error") continue;
    scored += 1;
    if (outcome === "pass") continue;
    failing += 1;
    for (const check of trial.checks)
      if (check.outcome === "fail")
        fail({ kind: "check", id: check.id, label: check.id, check_type: check.type }, trial.case_id);
    for (const judge of trial.judges)
      if (judge.outcome === "fail") fail({ kind: "judge", id: judge.id, label: judge.failure_mode }, trial.case_id);
  }

  return [...modes.values()]
    .map(({ row, cases }) => ({
      ...row,
      failed_cases: cases.size,
      share_of_scored: row.failed_trials / scored,
      share_of_failures: row.failed_trials / failing,
    }))
    .sort((a, b) => b.failed_trials - a.failed_trials || b.failed_cases - a.failed_cases || compareIds(a, b));
}

/** Code-unit order, not locale order: the table must not change with the machine's locale. */
function compareIds(a: FailureModeRow, b: FailureModeRow): number {
  const left = `${a.kind} ${a.id}`;
  const right = `${b.kind} ${b.id}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

// ---- as in src/report/summarize.ts before summaries were aggregated incrementally

interface SummarizeOptions {
  /** Confidence level of every interval; default 0.95. */
  confidence?: number;
  /** Stamped as generated_at; injectable so the summary of a run is reproducible. */
  generatedAt?: Date;
  /**
   * Per judge id, its agreement with human labels (loadRunAlignment reads it
   * from the suite's labels/ folder). Aligned judges get the corrected pass
   * rate next to the raw one; the summary stays a pure function of its inputs.
   */

  /** Seed and resamples of the corrected pass rate's bootstrap (defaults: seed 0, 20,000). */

}

/** How many distinct error messages the summary lists; the rest are only counted. */
const ERROR_MESSAGES_LISTED = 5;

/**
 * Summarizes a run from its manifest and results log. Pure: the same inputs
 * (and generatedAt) give the same summary, so `evalgate report` can recompute
 * it at any time from the files alone.
 */
export function referenceSummarize(
  manifest: RunManifest,
  trials: readonly TrialRecord[],
  options: SummarizeOptions = {},
): Summary {
  const confidence = options.confidence ?? 0.95;
  const ordered = orderTrials(manifest, trials);
  const cases = summarizeCases(ordered.caseIds, ordered.trials);
  const overall = countOutcomes(ordered.trials.map(caseOutcome), confidence);
  const errorMessages = countErrorMessages(ordered.trials);
  const answered = ordered.trials.filter((t) => t.status === "ok");
  const target = totalUsage(ordered.trials.map((t) => t.trace ?? {}));
  const scores = summarizeScores(manifest, ordered.trials, confidence);
  const judges = totalUsage(ordered.trials.flatMap((t) => t.judges));
  const recorded = ordered.trials.length;
  const guardrails = summarizeGuardrails(ordered.trials);

  return {
    schema_version: SUMMARY_SCHEMA_VERSION,
    run_id: manifest.run_id,
    suite: manifest.suite,
    status: manifest.status,
    started_at: manifest.started_at,
    ...(manifest.ended_at === undefined ? {} : { ended_at: manifest.ended_at }),
    generated_at: (options.generatedAt ?? new Date()).toISOString(),
    confidence,
    totals: {
      cases: ordered.caseIds.length,
      repeats: manifest.repeats,
      trials_expected: ordered.caseIds.length * manifest.repeats,
      trials_recorded: recorded,
    },
    overall,
    scores,
    tags: summarizeTags(ordered.trials, confidence),
    cases,
    flaky_cases: cases.filter((c) => c.flaky).map((c) => c.case_id),
    pass_k: passK(cases, manifest.repeats),
    errors: {
      trials: overall.errors,
      rate: recorded === 0 ? null : overall.errors / recorded,
      messages: errorMessages.slice(0, ERROR_MESSAGES_LISTED),
      distinct_messages: errorMessages.length,
    },
    latency_ms: {
      p50: percentile(
        answered.map((t) => t.latency_ms),
        50,
      ),
      p95: percentile(
        answered.map((t) => t.latency_ms),
        95,
      ),
      trials: answered.length,
    },
    usage: { target, judges, total_cost_usd: target.cost_usd + judges.cost_usd },
    failure_modes: rankFailureModes(ordered.trials),
    ...(guardrails ? { guardrails } : {}),
  };
}

/**
 * pass@k and pass^k at k = repeats, averaged over cases. A case's n is its
 * scored trials (errors excluded: unscored says nothing about reliability);
 * cases with fewer than k scored trials cannot be estimated and are counted
 * as excluded rather than guessed.
 */
function passK(cases: readonly CaseSummary[], k: number): Summary["pass_k"] {
  let atK = 0;
  let hatK = 0;
  let included = 0;
  for (const c of cases) {
    const n = c.passed + c.failed;
    if (n < k) continue;
    atK += passAtK(n, c.passed, k);
    hatK += passHatK(n, c.passed, k);
    included += 1;
  }
  return {
    k,
    pass_at_k: included === 0 ? null : atK / included,
    pass_hat_k: included === 0 ? null : hatK / included,
    cases_included: included,
    cases_excluded: cases.length - included,
  };
}
