import type { GateResult } from "../gate/index.js";
import { orderTrials, type RunManifest, type TrialRecord } from "../log/index.js";
import { runMetrics, type Summary } from "../report/index.js";
import { VERSION } from "../version.js";
import type { GuardEval } from "./guard-eval-schema.js";
import { compareData } from "./internal/compare-data.js";
import { encodeTrials } from "./internal/trial-columns.js";
import { createTextTable } from "./internal/text-table.js";
import { REPORT_DATA_VERSION, type ReportAlignment, type ReportData, type ReportRun } from "./report-data.js";

/**
 * The most characters of text (outputs, inputs, critiques, contexts…) a
 * report embeds. Past it the longest texts are shortened, so a huge run
 * still gives a file a browser (and MLflow's artifact viewer, which previews
 * up to 50 MiB) opens; docs/report.md gives the resulting size budget.
 */
export const TEXT_LIMIT_CHARS = 60_000_000;

export interface HtmlReportInput {
  manifest: RunManifest;
  trials: readonly TrialRecord[];
  /** The run's summary (summarize / summarizeRun). */
  summary: Summary;
  /** Judge agreement with human labels (loadReportAlignment); the Alignment view shows when given. */
  alignment?: ReportAlignment;
  /** The gate's comparison with a baseline, and the baseline run it read: the Compare view. */
  compare?: { result: GateResult; baseline: { manifest: RunManifest; trials: readonly TrialRecord[] } };
  /** `guard eval` figures for the Guardrails view. */
  guardEval?: GuardEval;
  /** Stamped in the page; injectable so a report is reproducible. */
  generatedAt?: Date;
  /** Default TEXT_LIMIT_CHARS. */
  textLimit?: number;
}

/** Everything the page shows, from the run's files alone. Pure. */
export function buildReportData(input: HtmlReportInput): ReportData {
  const { manifest, summary } = input;
  const ordered = orderTrials(manifest, input.trials);
  const table = createTextTable();
  const metrics = runMetrics(manifest, ordered.trials);
  const { cases, tags, trials } = encodeTrials(ordered, metrics, table);
  const compare = input.compare ? compareData(input.compare.result, input.compare.baseline, table) : undefined;
  const { cases: _cases, flaky_cases: _flaky, ...rest } = summary;
  return {
    version: REPORT_DATA_VERSION,
    generated_at: (input.generatedAt ?? new Date()).toISOString(),
    evalgate_version: VERSION,
    run: reportRun(manifest, ordered.trials),
    // The judges' failing lists repeat the trials' critiques; the page lists failures from the trials.
    summary: { ...rest, scores: summary.scores.map((s) => (s.kind === "judge" ? { ...s, failing: [] } : s)) },
    ...table.finish(input.textLimit ?? TEXT_LIMIT_CHARS),
    tags,
    metrics,
    cases,
    trials,
    ...(input.alignment && input.alignment.judges.length > 0 ? { alignment: input.alignment } : {}),
    ...(compare ? { compare } : {}),
    ...(input.guardEval ? { guard_eval: input.guardEval } : {}),
  };
}

function reportRun(manifest: RunManifest, trials: readonly TrialRecord[]): ReportRun {
  const models = new Map<string, number>();
  for (const trial of trials) {
    const model = trial.trace?.served_model_name ?? trial.trace?.model;
    if (model !== undefined) models.set(model, (models.get(model) ?? 0) + 1);
  }
  return {
    run_id: manifest.run_id,
    suite: manifest.suite,
    suite_file: manifest.suite_file,
    config_hash: manifest.config_hash,
    status: manifest.status,
    started_at: manifest.started_at,
    ...(manifest.ended_at ? { ended_at: manifest.ended_at } : {}),
    evalgate_version: manifest.evalgate_version,
    target: { type: manifest.target.type, description: manifest.target.description },
    datasets: manifest.datasets,
    repeats: manifest.repeats,
    concurrency: manifest.concurrency,
    checks: manifest.checks,
    judges: manifest.judges,
    ...(manifest.git ? { git: manifest.git } : {}),
    ...(manifest.failure ? { failure: manifest.failure } : {}),
    served_models: [...models].map(([model, count]) => ({ model, trials: count })).sort((a, b) => b.trials - a.trials),
  };
}
