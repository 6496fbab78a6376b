import { createHash } from "node:crypto";
import type { CheckResult, JudgeVerdict, TrialRecord } from "../log/index.js";
import { trialOutcome } from "../log/index.js";
import { expectationAssessments, type ExpectationAssessment } from "./internal/expectations.js";
import { MLFLOW_LIMITS, truncateText } from "./internal/limits.js";
import { isoToUnixNano, OTLP_SPAN_KIND_INTERNAL, OTLP_STATUS, otlpAttributes, type OtlpSpan } from "./internal/otlp.js";

/** TraceInfoV3 in proto3 JSON, as `POST /api/3.0/mlflow/traces` takes it. */
export interface TraceInfoV3 {
  trace_id: string;
  client_request_id: string;
  trace_location: { type: "MLFLOW_EXPERIMENT"; mlflow_experiment: { experiment_id: string } };
  request_preview: string;
  response_preview: string;
  request_time: string;
  execution_duration: string;
  state: "OK" | "ERROR";
  trace_metadata: Record<string, string>;
  tags: Record<string, string>;
  /** Stored with the trace by MLflow 3 servers (`start_trace`), saving one request per assessment. */
  assessments?: Assessment[];
}

/**
 * The assessment metadata key naming the run that produced an assessment, as
 * `mlflow.genai.evaluate` sets it: MLflow derives the assessment's `run_id`
 * from it, deletes the assessment with that run, and a later evaluation does
 * not mistake it for its own.
 */
export const ASSESSMENT_SOURCE_RUN_KEY = "mlflow.assessment.sourceRunId";

export type AssessmentSourceType = "CODE" | "LLM_JUDGE" | "HUMAN";

/** An MLflow 3 feedback assessment in proto3 JSON (`POST /api/3.0/mlflow/traces/{id}/assessments`). */
export interface FeedbackAssessment {
  assessment_name: string;
  trace_id: string;
  source: { source_type: AssessmentSourceType; source_id: string };
  create_time: string;
  last_update_time: string;
  feedback: { value: boolean | string | number } | { error: { error_code: string; error_message: string } };
  rationale?: string;
  metadata?: Record<string, string>;
}

export type { ExpectationAssessment } from "./internal/expectations.js";
export type Assessment = FeedbackAssessment | ExpectationAssessment;

export interface TrialTrace {
  traceInfo: TraceInfoV3;
  spans: OtlpSpan[];
  assessments: Assessment[];
}

export interface TrialTraceContext {
  experimentId: string;
  mlflowRunId: string;
  /** The run's user (tag `mlflow.user`): the source of the case's expectations. */
  user: string;
}

/**
 * One MLflow trace for one trial: trace info (previews, run link, case tags),
 * a root span for the pipeline call with a RETRIEVER child when the trial
 * recorded retrieved context and a TOOL child per tool call, one expectation
 * per field of the case's `expected`, and one assessment per check and judge
 * verdict.
 */
export function buildTrialTrace(trial: TrialRecord, ctx: TrialTraceContext): TrialTrace {
  // Ids derive from the MLflow run, case and trial: stable for one push, fresh for another run.
  const traceHex = hashHex(`${ctx.mlflowRunId}\0${trial.case_id}\0${trial.trial}`, 32);
  const traceId = `tr-${traceHex}`;
  const rootSpanId = hashHex(`${traceHex}\0root`, 16);
  const ok = trial.status === "ok";
  const usage = trial.trace?.usage;

  const metadata: Record<string, string> = {
    "mlflow.sourceRun": ctx.mlflowRunId,
    "mlflow.trace_schema.version": "3",
    "evalgate.run_id": trial.run_id,
  };
  if (usage) {
    metadata["mlflow.trace.tokenUsage"] = JSON.stringify({ ...usage, total_tokens: usage.input_tokens + usage.output_tokens });
  }
  const tags: Record<string, string> = {
    "mlflow.traceName": `${trial.case_id} #${trial.trial}`,
    "evalgate.case_id": trial.case_id,
    "evalgate.trial": String(trial.trial),
    "evalgate.outcome": trialOutcome(trial),
  };
  if (trial.trace?.served_model_name) tags["evalgate.served_model_name"] = trial.trace.served_model_name;
  // Scored production records: the trace (or request) the output was recorded in, to find it from the scoring run.
  if (trial.trace?.source) tags["evalgate.source_trace"] = trial.trace.source.trace_id;

  const traceInfo: TraceInfoV3 = {
    trace_id: traceId,
    client_request_id: `${trial.run_id}/${trial.case_id}/${trial.trial}`,
    trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: ctx.experimentId } },
    request_preview: preview(trial.input),
    response_preview: ok ? preview(trial.output) : preview(trial.error?.message ?? ""),
    request_time: trial.started_at,
    execution_duration: `${(trial.latency_ms / 1000).toFixed(3)}s`,
    state: ok ? "OK" : "ERROR",
    trace_metadata: mapValues(metadata, MLFLOW_LIMITS.traceMetadataValueLength),
    tags: mapValues(tags, MLFLOW_LIMITS.traceTagValueLength),
  };

  const start = isoToUnixNano(trial.started_at);
  const end = isoToUnixNano(trial.ended_at);
  const root: OtlpSpan = {
    traceId: traceHex,
    spanId: rootSpanId,
    name: "pipeline",
    kind: OTLP_SPAN_KIND_INTERNAL,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: otlpAttributes({
      "mlflow.spanType": "CHAIN",
      "mlflow.spanInputs": trial.input,
      "mlflow.spanOutputs": ok ? trial.output : undefined,
      "mlflow.chat.tokenUsage": usage ? { ...usage, total_tokens: usage.input_tokens + usage.output_tokens } : undefined,
      "mlflow.llm.model": trial.trace?.model,
      "mlflow.llm.cost": trial.trace?.cost_usd === undefined ? undefined : { total_cost: trial.trace.cost_usd },
    }),
    status: ok ? { code: OTLP_STATUS.ok } : { code: OTLP_STATUS.error, message: trial.error?.message ?? "error" },
  };
  const spans = [root];
  const context = trial.trace?.context;
  if (context && context.length > 0) {
    // The results log has no retrieval timings, so the retriever span covers the whole call.
    spans.push({
      traceId: traceHex,
      spanId: hashHex(`${traceHex}\0retriever`, 16),
      parentSpanId: rootSpanId,
      name: "retrieval",
      kind: OTLP_SPAN_KIND_INTERNAL,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes: otlpAttributes({
        "mlflow.spanType": "RETRIEVER",
        "mlflow.spanInputs": trial.input,
        // MLflow's Document shape, which the UI renders as retrieved documents.
        "mlflow.spanOutputs": context.map((doc) => ({
          page_content: doc.text ?? "",
          metadata: { doc_uri: doc.id, chunk_id: doc.id, ...(doc.title ? { title: doc.title } : {}), ...(doc.score === undefined ? {} : { score: doc.score }) },
          id: doc.id,
        })),
      }),
      status: { code: OTLP_STATUS.ok },
    });
  }

  trial.trace?.tool_calls?.forEach((call, i) => {
    // Tool calls carry no timings in the results log, so each TOOL span covers the whole call.
    spans.push({
      traceId: traceHex,
      spanId: hashHex(`${traceHex}\0tool\0${i}`, 16),
      parentSpanId: rootSpanId,
      name: call.name,
      kind: OTLP_SPAN_KIND_INTERNAL,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes: otlpAttributes({
        "mlflow.spanType": "TOOL",
        "mlflow.spanInputs": call.arguments,
        "mlflow.spanOutputs": call.output,
        ...(call.id === undefined ? {} : { "evalgate.tool_call_id": call.id }),
      }),
      status: { code: OTLP_STATUS.ok },
    });
  });

  spans.push(...guardrailSpans(trial, { traceHex, rootSpanId, start, end }));

  // Judges whose applies_when excluded the case left no verdict, so they log no assessment either.
  const scored = { traceId, at: trial.ended_at, mlflowRunId: ctx.mlflowRunId };
  const expectations = expectationAssessments(trial.expected, { traceId, at: trial.started_at, user: ctx.user, metadata: { [ASSESSMENT_SOURCE_RUN_KEY]: ctx.mlflowRunId } });
  const assessments = [...expectations, ...trial.checks.map((check) => checkAssessment(scored, check)), ...trial.judges.map((verdict) => judgeAssessment(scored, verdict))];
  return { traceInfo, spans, assessments };
}

interface SpanPlace {
  traceHex: string;
  rootSpanId: string;
  /** The trial's start and end, unix nanoseconds as strings. */
  start: string;
  end: string;
}

/**
 * One GUARDRAIL span per guard decision, under the pipeline span. The log
 * keeps each guard's duration but not its start: input guards are laid out
 * from the start of the trial, output guards back from the end of the
 * guarded call (start + latency_ms), each in stage order.
 */
function guardrailSpans(trial: TrialRecord, place: SpanPlace): OtlpSpan[] {
  const decisions = trial.guardrails ?? [];
  const nanos = (ms: number) => BigInt(Math.round(ms * 1e6));
  const callEnd = BigInt(place.start) + nanos(trial.latency_ms);
  const output = decisions.filter((d) => d.stage === "output");
  let inputAt = BigInt(place.start);
  let outputAt = callEnd - output.reduce((sum, d) => sum + nanos(d.latency_ms), 0n);
  return decisions.map((decision, i) => {
    const duration = nanos(decision.latency_ms);
    const begin = decision.stage === "input" ? inputAt : outputAt;
    if (decision.stage === "input") inputAt += duration;
    else outputAt += duration;
    const { id, type, stage, action, triggered, spans, score, reason, error } = decision;
    return {
      traceId: place.traceHex,
      spanId: hashHex(`${place.traceHex}\0guardrail\0${i}`, 16),
      parentSpanId: place.rootSpanId,
      name: `${stage} guard ${id}`,
      kind: OTLP_SPAN_KIND_INTERNAL,
      startTimeUnixNano: String(begin),
      endTimeUnixNano: String(begin + duration),
      attributes: otlpAttributes({
        "mlflow.spanType": "GUARDRAIL",
        "mlflow.spanInputs": { stage, guard: id, type },
        "mlflow.spanOutputs": { triggered, action, ...(spans ? { spans } : {}), ...(score === undefined ? {} : { score }), ...(reason === undefined ? {} : { reason }) },
        "evalgate.guard.triggered": triggered,
        "evalgate.guard.action": action,
      }),
      status: error === undefined ? { code: OTLP_STATUS.ok } : { code: OTLP_STATUS.error, message: error },
    };
  });
}

/** Where a verdict is written: the trace, when it was scored, and what ties it to the scoring run. */
export interface ScoredTrace {
  traceId: string;
  /** When the verdict was made (RFC 3339). */
  at: string;
  /** The MLflow run that scored it, when there is one: MLflow then deletes the assessment with that run. */
  mlflowRunId?: string;
  /** Added to every assessment's metadata (e.g. the evalgate run id, the scorer's version). */
  metadata?: Record<string, string>;
}

/** A check result as a feedback assessment (source CODE): pass is true, fail false, error an assessment error. */
export function checkAssessment({ traceId, at, mlflowRunId, metadata }: ScoredTrace, check: CheckResult): FeedbackAssessment {
  return {
    assessment_name: check.id,
    trace_id: traceId,
    source: { source_type: "CODE", source_id: `evalgate/${check.type}` },
    create_time: at,
    last_update_time: at,
    feedback: feedbackValue(check.outcome, check.reason, "CHECK_ERROR"),
    rationale: check.reason,
    metadata: { ...sourceRun(mlflowRunId), "evalgate.check_type": check.type, ...metadata },
  };
}

/** A judge verdict as a feedback assessment (source LLM_JUDGE, the judge's model), its critique the rationale. */
export function judgeAssessment({ traceId, at, mlflowRunId, metadata }: ScoredTrace, verdict: JudgeVerdict): FeedbackAssessment {
  return {
    assessment_name: verdict.id,
    trace_id: traceId,
    source: { source_type: "LLM_JUDGE", source_id: verdict.model },
    create_time: at,
    last_update_time: at,
    feedback: feedbackValue(verdict.outcome, verdict.critique, "JUDGE_ERROR"),
    rationale: verdict.critique,
    metadata: { ...sourceRun(mlflowRunId), "evalgate.judge_version": verdict.version, "evalgate.failure_mode": verdict.failure_mode, ...metadata },
  };
}

function sourceRun(mlflowRunId: string | undefined): Record<string, string> {
  return mlflowRunId === undefined ? {} : { [ASSESSMENT_SOURCE_RUN_KEY]: mlflowRunId };
}

export interface HumanLabel {
  /** The judge or failure mode the label is for; matches the judge's assessment name. */
  name: string;
  pass: boolean;
  /** Who labelled, e.g. an email or reviewer id. */
  labeler: string;
  rationale?: string;
  labeledAt: string;
}

/** A human label as an assessment on a trial's trace (source HUMAN). */
export function humanAssessment(traceId: string, label: HumanLabel): FeedbackAssessment {
  return {
    assessment_name: label.name,
    trace_id: traceId,
    source: { source_type: "HUMAN", source_id: label.labeler },
    create_time: label.labeledAt,
    last_update_time: label.labeledAt,
    feedback: { value: label.pass },
    ...(label.rationale === undefined ? {} : { rationale: label.rationale }),
  };
}

/** pass → true, fail → false; "could not score" is an assessment error, never a value. */
function feedbackValue(outcome: "pass" | "fail" | "error", reason: string, errorCode: string): FeedbackAssessment["feedback"] {
  if (outcome === "error") return { error: { error_code: errorCode, error_message: reason || "could not be scored" } };
  return { value: outcome === "pass" };
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  return truncateText(text, MLFLOW_LIMITS.tracePreviewLength).text;
}

function mapValues(record: Record<string, string>, limit: number): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, truncateText(v, limit).text]));
}

function hashHex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
