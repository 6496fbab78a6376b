import type { GateResult } from "../gate/index.js";
import { orderTrials, visitLatest, type RunManifest, type TrialRecord } from "../log/index.js";
import { runMetrics, type Summary } from "../report/index.js";
import { VERSION } from "../version.js";
import type { GuardEval } from "./guard-eval-schema.js";
import { compareData } from "./internal/compare-data.js";
import { encodeTrials, OUTCOME_CHAR } from "./internal/trial-columns.js";
import { EMBEDDED_TRIALS_LIMIT, TrialSelection } from "./internal/trial-selection.js";
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
  /**
   * The run's trials, or (with `recorded`) the ones a streaming pass selected
   * to embed (TrialSelection). Past EMBEDDED_TRIALS_LIMIT only a selection is
   * embedded; the summary still counts every trial.
   */
  trials: readonly TrialRecord[];
  /** Trials in the log when `trials` is already a selection of them. */
  recorded?: number;
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
  const selected = input.recorded === undefined ? selectTrials(input.trials) : { trials: input.trials, recorded: input.recorded, limit: EMBEDDED_TRIALS_LIMIT };
  const ordered = orderTrials(manifest, selected.trials);
  const table = createTextTable();
  const metrics = runMetrics(manifest, ordered.trials);
  // Every case of the run, also those without an embedded trial: their outcomes come from the summary.
  const caseIds = [...new Set([...summary.cases.map((c) => c.case_id), ...ordered.caseIds])];
  const { cases, tags, trials } = encodeTrials({ caseIds, trials: ordered.trials }, metrics, table);
  const outcomes = new Map(summary.cases.map((c) => [c.case_id, c.outcomes.map((o) => OUTCOME_CHAR[o]).join("")]));
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
    cases: { ...cases, outcomes: caseIds.map((id) => outcomes.get(id) ?? "") },
    trials,
    embedded: { trials: ordered.trials.length, recorded: selected.recorded, limit: selected.limit },
    ...(input.alignment && input.alignment.judges.length > 0 ? { alignment: input.alignment } : {}),
    ...(compare ? { compare } : {}),
    ...(input.guardEval ? { guard_eval: input.guardEval } : {}),
  };
}

/** The in-memory counterpart of the streaming selection: one record per (case, trial), then the cap. */
function selectTrials(trials: readonly TrialRecord[]): { trials: TrialRecord[]; recorded: number; limit: number } {
  const selection = new TrialSelection();
  visitLatest(trials, (trial, latest) => latest && selection.add(trial));
  return selection.finish();
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
