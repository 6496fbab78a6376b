export {
  GATE_RESULT_SCHEMA_VERSION,
  GateResultSchema,
  MetricComparisonSchema,
  RuleResultSchema,
  VerdictSchema,
  type GateResult,
  type MetricComparison,
  type RegressedCase,
  type RuleResult,
  type SideRate,
  type Verdict,
} from "./gate-result-schema.js";
export { compareRuns, type GateRun } from "./compare-runs.js";
export { resolveRun, type ResolveRunOptions } from "./resolve-run.js";
export { runGate, type GateOptions, type GateOutcome } from "./run-gate.js";
export { formatGateText } from "./format-text.js";
export { formatGateMarkdown, MARKDOWN_MAX_CHARS } from "./format-markdown.js";
export { formatGateJunit } from "./format-junit.js";
export { appendGithubStepSummary } from "./github-summary.js";
