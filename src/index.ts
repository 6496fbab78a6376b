/**
 * evalgate's public API: everything the CLI does is one of these calls.
 * Deeper modules stay importable through their folder index, but only what
 * is exported here is promised to stay stable.
 */
export { runSuite, loadSuite, type RunOptions, type RunReporter, type RunResult, type Suite, type Progress } from "./runner/index.js";
export { mergeRuns, parseShard, selectShard, shardOf, type MergeRunsOptions, type MergedRun, type ShardSpec } from "./runner/index.js";
export { loadConfig, parseConfig, UserConfigSchema, type ResolvedConfig, type UserConfig } from "./config/index.js";
export { loadDataset, validateDatasetFile, CaseSchema, type Case, type LoadedDataset } from "./datasets/index.js";
export {
  addCasesFromRun,
  appendCases,
  planAppend,
  parseWhere,
  matchesWhere,
  normaliseText,
  inputKey,
  type AddCasesOptions,
  type AddCasesResult,
  type AppendPlan,
  type CaseCandidate,
  type SkippedCase,
  type WhereFilter,
} from "./datasets/index.js";
export {
  synthesizeCases,
  loadDimensions,
  parseDimensions,
  sampleCombinations,
  DimensionsFileSchema,
  type Combination,
  type DimensionsFile,
  type LoadedDimensions,
  type SynthesizeOptions,
  type SynthResult,
} from "./synth/index.js";
export { createChecks, defineCheck, scoreCustom, type Check, type CheckInput, type CheckVerdict } from "./checks/index.js";
export {
  guard,
  loadGuardrails,
  parseGuardrails,
  createGuardrails,
  defineGuard,
  GuardBlockedError,
  GuardrailsConfigSchema,
  type Guard,
  type GuardDecision,
  type GuardFinding,
  type GuardInput,
  type Guarded,
  type Guardrails,
  type GuardrailsOptions,
  type GuardrailsSource,
  type GuardrailsUserConfig,
  type LoadedGuardrails,
  type CustomGuardFunction,
  type StageResult,
} from "./guardrails/index.js";
export { createTarget, type Target, type TargetContext, type TargetFunction, type TargetResult } from "./targets/index.js";
export {
  createProvider,
  checkCredentials,
  createResponseCache,
  withCache,
  type ChatOptions,
  type ChatProvider,
  type ChatResult,
} from "./providers/index.js";
export { summarize, summarizeRun, summarizeResults, createSummaryAggregator, formatSummaryTable, formatSummaryMarkdown, formatResultsCsv, SummarySchema, type Summary } from "./report/index.js";
export {
  renderHtmlReport,
  htmlReportOf,
  writeHtmlReport,
  writeRunReports,
  loadReportAlignment,
  GuardEvalSchema,
  type GuardEval,
  type HtmlReportInput,
  type RunReportInput,
  type RunReportsInput,
} from "./html-report/index.js";
export { pushRunToMlflow, pullRunFromMlflow, findLatestRunForEntityVersion, writeHumanLabels, readHumanLabels, pullLabelsFromMlflow } from "./tracking/index.js";
export { scoreProduction, type ScoreOptions, type ScoreResult } from "./production/index.js";
export {
  readRun,
  readResultLines,
  forEachTrial,
  trialOutcome,
  TrialRecordSchema,
  RunManifestSchema,
  RESULTS_SCHEMA_VERSION,
  ChatMessageSchema,
  type ChatMessage,
  type TrialRecord,
  type RunManifest,
  type Trace,
} from "./log/index.js";
export {
  runGate,
  compareRuns,
  resolveRun,
  formatGateText,
  formatGateMarkdown,
  formatGateJunit,
  GateResultSchema,
  type GateOptions,
  type GateOutcome,
  type GateResult,
  type GateRun,
  type MetricComparison,
  type RuleResult,
  type Verdict,
} from "./gate/index.js";
export { GateConfigSchema, type GateConfig } from "./config/index.js";
export {
  wilsonInterval,
  clusteredProportion,
  pairedDifference,
  mcnemarExact,
  holmAdjust,
  cohensKappa,
  casesNeeded,
  passAtK,
  passHatK,
  type ClusteredProportion,
  type PairedDifference,
} from "./stats/index.js";
export * from "./errors.js";
export { VERSION } from "./version.js";
export {
  agreementFigures,
  confusionOf,
  correctedPassRate,
  loadRunAlignment,
  importLabelRows,
  alignJudge,
  alignHistory,
  AlignResultSchema,
  type AlignResult,
  type AlignJudgeOptions,
  exportLabels,
  importLabels,
  loadLabelSet,
  LabelError,
  LabelSetSchema,
  type LabelSet,
  type ExportLabelsOptions,
  type ImportLabelsOptions,
  MIN_FIGURE_N,
  AgreementFiguresSchema,
  CorrectedPassRateSchema,
  type AgreementFigures,
  type Confusion,
  type CorrectedPassRate,
  type CorrectedPassRateOptions,
  type JudgeAlignment,
  type JudgeAlignmentLookup,
  type LabelledVerdict,
  type ObservedVerdicts,
  type RateFigure,
} from "./alignment/index.js";
export {
  evaluateGuardrails,
  loadGuardEvalRows,
  formatGuardEvalText,
  GuardEvalRowSchema,
  GuardEvalReportSchema,
  type EvaluateGuardrailsOptions,
  type GuardEvalRow,
  type GuardEvalReport,
  type GuardMetrics,
  type EntityMetrics,
} from "./guardrails/index.js";
