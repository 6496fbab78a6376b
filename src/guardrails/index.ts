export type { Guard, GuardAction, GuardDecision, GuardFinding, GuardInput, GuardOnError, GuardSpan, GuardStage, Guardrails, StageResult } from "./types.js";
export {
  DEFAULT_FALLBACK,
  GUARD_TYPES,
  GuardConfigSchema,
  GuardrailsConfigSchema,
  type GuardConfig,
  type GuardConfigOf,
  type GuardrailsConfig,
  type GuardrailsUserConfig,
  type GuardType,
  type UserGuardConfig,
} from "./config-schema.js";
export { createGuardrails, type GuardrailsOptions, type LoadedGuardrails } from "./create-guardrails.js";
export { loadGuardrails, parseGuardrails } from "./load-guardrails.js";
export { runStage, startStage, GuardTimeoutError, type StageGate, type StageOptions, type StageRun } from "./run-stage.js";
export { runGuarded, GuardBlockedError, type GuardedCall, type GuardedTrial } from "./guarded-call.js";
export { guard, type Guarded, type GuardrailsSource } from "./guard.js";
export { defineGuard, CustomGuardResultSchema, type CustomGuardFunction, type CustomGuardResult } from "./internal/custom-guard.js";
export { DEFAULT_TIMEOUT_MS, defaultOnError, defaultTimeoutMs } from "./internal/build-guard.js";
export {
  evaluateGuardrails,
  loadGuardEvalRows,
  formatGuardEvalText,
  scoreGuard,
  checkRowsAgainstGuardrails,
  entityMetrics,
  matchSpans,
  spanIou,
  MIN_SPAN_IOU,
  SPAN_MATCH_RULE,
  DEFAULT_EVAL_CONCURRENCY,
  GuardEvalRowSchema,
  GuardEvalReportSchema,
  GuardMetricsSchema,
  EntityMetricsSchema,
  type EvaluateGuardrailsOptions,
  type GuardEvalRow,
  type GuardEvalRowInput,
  type GuardEvalReport,
  type GuardMetrics,
  type EntityMetrics,
  type GuardInfo,
  type RowDecision,
} from "./evaluate/index.js";
export {
  createGuardProxy,
  startGuardProxy,
  GUARD_PROXY_DEFAULTS,
  UPSTREAM_API_KEY_ENV,
  GUARDRAIL_HEADER,
  ProxyLogEntrySchema,
  type GuardProxyOptions,
  type StartedGuardProxy,
  type ProxyLogEntry,
} from "./proxy/index.js";
