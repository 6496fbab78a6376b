export {
  SUMMARY_SCHEMA_VERSION,
  SummarySchema,
  RateSchema,
  ScoreSummarySchema,
  CheckScoreSchema,
  JudgeScoreSchema,
  CaseSummarySchema,
  FailureModeRowSchema,
  TagScoreSchema,
  GuardrailSummarySchema,
  type Summary,
  type Rate,
  type ScoreSummary,
  type CheckScore,
  type JudgeScore,
  type CaseSummary,
  type FailingCase,
  type FailureModeRow,
  type TagScore,
  type GuardrailSummary,
  type ErrorMessageCount,
  type UsageTotals,
} from "./summary-schema.js";
export { summarize, type SummarizeOptions } from "./summarize.js";
export { createSummaryAggregator, type SummaryAggregator } from "./summary-aggregator.js";
export { summarizeResults, summarizeRun, type RunSummary } from "./summarize-run.js";
export { rankFailureModes } from "./failure-modes.js";
export { formatSummaryTable, type FormatTableOptions } from "./format-table.js";
export { formatSummaryMarkdown } from "./format-markdown.js";
export { formatConfidence, formatPercent, NONE, plural, truncate } from "./internal/format.js";
export { runMetrics, summaryMetrics, type RunMetric } from "./run-metrics.js";
export { formatResultsCsv, resultsCsvHeader, resultsCsvRows, RESULTS_CSV_COLUMNS } from "./results-csv.js";
export { mapPageData, pageDataElement, readPageData } from "./page-data.js";
