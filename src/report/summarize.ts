import type { CorrectedPassRateOptions, JudgeAlignmentLookup } from "../alignment/index.js";
import { orderTrials, type RunManifest, type TrialRecord } from "../log/index.js";
import { passAtK, passHatK, percentile } from "../stats/index.js";
import { rankFailureModes } from "./failure-modes.js";
import { summarizeCases } from "./internal/case-summaries.js";
import { summarizeGuardrails } from "./internal/guardrail-summaries.js";
import { withJudgeAlignment } from "./internal/judge-alignment.js";
import { countErrorMessages } from "./internal/error-messages.js";
import { caseOutcome, countOutcomes } from "./internal/outcome-counts.js";
import { summarizeScores } from "./internal/score-summaries.js";
import { summarizeTags } from "./internal/tag-summaries.js";
import { totalUsage } from "./internal/usage.js";
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

/**
 * Summarizes a run from its manifest and results log. Pure: the same inputs
 * (and generatedAt) give the same summary, so `evalgate report` can recompute
 * it at any time from the files alone.
 */
export function summarize(
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
  const scores = withJudgeAlignment(summarizeScores(manifest, ordered.trials, confidence), options.alignment ?? {}, { ...options.correction, confidence });
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
