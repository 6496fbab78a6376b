export { GuardEvalRowSchema, type GuardEvalRow, type GuardEvalRowInput } from "./row-schema.js";
export { GuardEvalReportSchema, GuardMetricsSchema, EntityMetricsSchema, type GuardEvalReport, type GuardMetrics, type EntityMetrics } from "./report-schema.js";
export { scoreGuard, type GuardInfo, type RowDecision } from "./metrics.js";
export { entityMetrics, matchSpans, spanIou, MIN_SPAN_IOU, SPAN_MATCH_RULE } from "./span-match.js";
export { checkRowsAgainstGuardrails } from "./check-rows.js";
export { evaluateGuardrails, loadGuardEvalRows, DEFAULT_EVAL_CONCURRENCY, type EvaluateGuardrailsOptions } from "./evaluate-guardrails.js";
export { formatGuardEvalText } from "./format-text.js";
