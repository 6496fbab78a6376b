import type { CorrectedPassRateOptions, JudgeAlignmentLookup } from "../alignment/index.js";
import { trialOutcome, type RunManifest, type TrialRecord } from "../log/index.js";
import { passAtK, passHatK, percentile } from "../stats/index.js";
import { FailureModeTally } from "./failure-modes.js";
import { CaseTally } from "./internal/case-tally.js";
import { ErrorTally } from "./internal/error-tally.js";
import { Float64List } from "./internal/growable.js";
import { GuardrailTally } from "./internal/guardrail-tally.js";
import { withJudgeAlignment } from "./internal/judge-alignment.js";
import { OutcomeTally } from "./internal/outcome-counts.js";
import { ScoreTally } from "./internal/score-tally.js";
import { TagTally } from "./internal/tag-tally.js";
import { UsageTally } from "./internal/usage.js";
import { SUMMARY_SCHEMA_VERSION, type CaseSummary, type Summary } from "./summary-schema.js";

export interface SummarizeOptions {
  /** Confidence level of every interval; default 0.95. */
  confidence?: number;
  /** Stamped as generated_at; injectable so the summary of a run is reproducible. */
  generatedAt?: Date;
  /**
   * Per judge id, its agreement with human labels (loadRunAlignment reads it
   * from the suite's labels/ folder). Aligned judges get the corrected pass
   * rate next to the raw one; the summary stays a pure function of its inputs.
   */
  alignment?: Readonly<Record<string, JudgeAlignmentLookup>>;
  /** Seed and resamples of the corrected pass rate's bootstrap (defaults: seed 0, 20,000). */
  correction?: Pick<CorrectedPassRateOptions, "seed" | "resamples">;
}

/** How many distinct error messages the summary lists; the rest are only counted. */
const ERROR_MESSAGES_LISTED = 5;

/** Builds a run's Summary from its trials handed over one at a time. */
export interface SummaryAggregator {
  /**
   * Trials in log order, each (case, trial) once with `latest` true (its
   * latest line); earlier lines of a duplicated pair may come with `latest`
   * false: only the order cases first appear in is taken from them. A TrialSink
   * for forEachTrial.
   */
  add(trial: TrialRecord, latest?: boolean): void;
  /** The Summary of every trial added; call once. */
  finish(): Summary;
}

/**
 * The summary of a run, aggregated one trial at a time so a run of any length
 * is summarised in one streaming pass over its log. Memory grows with cases
 * (a few counters per case and metric) and by a few numbers per trial (its
 * outcome, latency, and any nonzero cost), never with the trials' text.
 * Trials may come in any order: whatever depends on order (first-seen ids and
 * tags, floating-point cost sums, failing lists) is resolved at the end by
 * case then trial order, so the result equals summarising the ordered trials.
 */
export function createSummaryAggregator(manifest: RunManifest, options: SummarizeOptions = {}): SummaryAggregator {
  const confidence = options.confidence ?? 0.95;
  const caseIds = [...manifest.case_ids];
  const positions = new Map(caseIds.map((id, index) => [id, index]));
  const cases = new CaseTally();
  const overall = new OutcomeTally();
  const scores = new ScoreTally(manifest);
  const tags = new TagTally();
  const errors = new ErrorTally();
  const failureModes = new FailureModeTally();
  const guardrails = new GuardrailTally();
  const targetUsage = new UsageTally();
  const judgeUsage = new UsageTally();
  const latencies = new Float64List();
  let recorded = 0;

  return {
    add(trial, latest = true) {
      let position = positions.get(trial.case_id);
      if (position === undefined) {
        position = caseIds.push(trial.case_id) - 1;
        positions.set(trial.case_id, position);
      }
      if (!latest) return;
      const outcome = trialOutcome(trial);
      recorded += 1;
      cases.add(position, trial.trial, outcome);
      overall.add(position, outcome);
      tags.add(position, trial.trial, trial.tags, outcome);
      errors.add(position, trial);
      failureModes.add(position, trial, outcome);
      guardrails.add(position, trial.trial, trial.guardrails);
      targetUsage.add([position, trial.trial, 0], trial.trace ?? {});
      if (trial.status === "ok") latencies.push(trial.latency_ms);
      trial.checks.forEach((check, index) => scores.addCheck([position, trial.trial, index], check));
      trial.judges.forEach((verdict, index) => {
        scores.addJudge([position, trial.trial, index], trial.case_id, verdict);
        judgeUsage.add([position, trial.trial, index], verdict);
      });
    },

    finish() {
      const caseSummaries = cases.finish(caseIds);
      const outcomeCounts = overall.counts(confidence);
      const errorMessages = errors.finish();
      const target = targetUsage.finish();
      const judges = judgeUsage.finish();
      const answered = latencies.toArray();
      const guards = guardrails.finish();
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
          cases: caseIds.length,
          repeats: manifest.repeats,
          trials_expected: caseIds.length * manifest.repeats,
          trials_recorded: recorded,
        },
        overall: outcomeCounts,
        scores: withJudgeAlignment(scores.finish(confidence), options.alignment ?? {}, { ...options.correction, confidence }),
        tags: tags.finish(confidence),
        cases: caseSummaries,
        flaky_cases: caseSummaries.filter((c) => c.flaky).map((c) => c.case_id),
        pass_k: passK(caseSummaries, manifest.repeats),
        errors: {
          trials: outcomeCounts.errors,
          rate: recorded === 0 ? null : outcomeCounts.errors / recorded,
          messages: errorMessages.slice(0, ERROR_MESSAGES_LISTED),
          distinct_messages: errorMessages.length,
        },
        latency_ms: { p50: percentile(answered, 50), p95: percentile(answered, 95), trials: answered.length },
        usage: { target, judges, total_cost_usd: target.cost_usd + judges.cost_usd },
        failure_modes: failureModes.finish(),
        ...(guards ? { guardrails: guards } : {}),
      };
    },
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
