import type { JudgeAlignment } from "../alignment/index.js";
import type { GateResult } from "../gate/index.js";
import type { RunManifest } from "../log/index.js";
import type { RunMetric, Summary } from "../report/index.js";
import type { GuardEval } from "./guard-eval-schema.js";

/**
 * The data embedded in report.html (gzip + base64), read by the page's script
 * (assets/client/). It is built for size: texts are stored once in `texts`
 * and referenced by index, and trials are stored column by column, so a
 * 100,000-trial run stays a file a browser opens. Bump REPORT_DATA_VERSION
 * with any change the page's script must know about; page and data always
 * ship together in one file, so there is no migration.
 */
export const REPORT_DATA_VERSION = 2;

/** An index into ReportData.texts; -1 when there is nothing. */
export type TextRef = number;

export interface ReportData {
  version: typeof REPORT_DATA_VERSION;
  generated_at: string;
  evalgate_version: string;
  run: ReportRun;
  /** The run summary without the lists the page rebuilds from the trials (cases, flaky cases, judges' failing trials). */
  summary: Omit<Summary, "cases" | "flaky_cases">;
  /** Every text of the report, each once. Value fields (input, expected, output, context…) hold JSON; reasons, critiques and messages hold plain text. */
  texts: string[];
  /** Texts shortened to fit the size budget (index into `texts`, original length); the full text is in results.jsonl. */
  shortened: { index: number[]; length: number[] };
  budget: TextBudget;
  tags: string[];
  metrics: RunMetric[];
  cases: ReportCases;
  trials: ReportTrials;
  /**
   * How many trials `trials` holds of those recorded: all of them up to
   * `limit`; past it, failing and unscored trials first (see TrialSelection).
   */
  embedded: { trials: number; recorded: number; limit: number };
  alignment?: ReportAlignment;
  compare?: ReportCompare;
  guard_eval?: GuardEval;
}

export interface ReportRun extends Pick<RunManifest, "run_id" | "suite" | "suite_file" | "config_hash" | "status" | "started_at" | "repeats" | "concurrency" | "datasets" | "checks" | "judges"> {
  ended_at?: string;
  evalgate_version: string;
  target: { type: string; description: string };
  git?: RunManifest["git"];
  failure?: string;
  /** Models the target reported (trace.model, or served_model_name for Databricks traffic splits), most trials first. */
  served_models: { model: string; trials: number }[];
}

export interface TextBudget {
  /** Characters of all texts before shortening. */
  chars: number;
  /** The most characters kept; above it, the longest texts are cut to the same length. */
  limit: number;
  /** The length texts were cut to, or null when everything fit. */
  cut_to: number | null;
}

/** One entry per case, column by column, in run order. */
export interface ReportCases {
  id: string[];
  /** Indexes into ReportData.tags. */
  tags: number[][];
  /** JSON of the case's input and expected output (from its first trial). */
  input: TextRef[];
  expected: TextRef[];
  /** Every recorded trial's outcome ("p", "f", "e"), in trial order, from the summary: also trials not embedded. */
  outcomes: string[];
}

/** One entry per trial, column by column, in case then trial order. */
export interface ReportTrials {
  /** Index into ReportCases. */
  case: number[];
  trial: number[];
  /** One character per trial: "p" pass, "f" fail, "e" unscored (the trial outcome rule). */
  outcome: string;
  /** One character per trial: "o" the target answered, "e" it failed. */
  status: string;
  latency_ms: number[];
  /** JSON of the output. */
  output: TextRef[];
  /** "code: message" when the target failed. */
  error: TextRef[];
  model: TextRef[];
  input_tokens: number[];
  output_tokens: number[];
  cost_usd: number[];
  /**
   * trace.context (the retrieved documents): JSON of an array of entries, each
   * the TextRef of one document's JSON (without its score), or [TextRef, score].
   */
  context: TextRef[];
  /** JSON of trace.tool_calls. */
  tool_calls: TextRef[];
  /** JSON of the rest of the trace (fields the report has no place for). */
  trace_extra: TextRef[];
  /** JSON of the trial's guardrail decisions. */
  guardrails: TextRef[];
  /** One entry per ReportData.metrics entry. */
  scores: ReportScoreColumn[];
}

export interface ReportScoreColumn {
  /** One character per trial: "p", "f", "e", or "." when the metric has no result for the trial. */
  outcome: string;
  /** The check's reason or the judge's critique (plain text). */
  reason: TextRef[];
}

export interface ReportAlignment {
  judges: ReportJudgeAlignment[];
}

export interface ReportJudgeAlignment {
  id: string;
  /** The version this run used. */
  version: string;
  /** The figures correcting this run's pass rate (the summary's), or null. */
  measured: JudgeAlignment | null;
  /** Why the figures are missing, when they are. */
  unmeasured_reason?: string;
  /** Every align result of the judge, oldest first: agreement across versions. */
  history: ReportAlignPoint[];
  /** Items where the judge (as measured) and the human label disagree. */
  disagreements: { case_id: string; trial: number; human: "pass" | "fail"; judge: "pass" | "fail"; notes?: string }[];
  /** Why disagreements could not be listed (the label set is gone), when so. */
  disagreements_note?: string;
  /** The run the labelled items came from. */
  labelled_run?: string;
}

export interface ReportAlignPoint {
  at: string;
  version: string;
  split: string;
  label_set: string;
  label_set_version: string;
  n: number;
  tpr: { value: number | null; low: number | null; high: number | null };
  tnr: { value: number | null; low: number | null; high: number | null };
  kappa: number | null;
}

export interface ReportCompare {
  /** The gate's result; each metric's newly_failing_cases is capped (see newly_failing_omitted). */
  result: GateResult;
  baseline_run: { run_id: string; started_at: string };
  /** The baseline's trials of cases that got worse, so a case shows both runs' outputs. */
  baseline_trials: { case_id: string; trials: ReportBaselineTrial[] }[];
  /** Cases that got worse but are not in baseline_trials (the list is capped). */
  baseline_trials_omitted: number;
  /** Per metric id, newly failing cases left out of result.metrics[].newly_failing_cases. */
  newly_failing_omitted: Record<string, number>;
}

export interface ReportBaselineTrial {
  trial: number;
  outcome: "p" | "f" | "e";
  output: TextRef;
  error: TextRef;
  /** Per metric key ("check:<id>" / "judge:<id>"): outcome character and reason. */
  scores: { key: string; outcome: string; reason: TextRef }[];
}
