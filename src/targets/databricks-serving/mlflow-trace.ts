import type { ContextDoc, ToolCall } from "../../log/index.js";
import { isRecord, parseJsonText, toContextDocs } from "../internal/trace-fields.js";

export interface MlflowTraceEvidence {
  context?: ContextDoc[];
  tool_calls?: ToolCall[];
  /** Lets a reader open the endpoint's own trace in MLflow. */
  mlflow_trace_id?: string;
}

/**
 * Pulls retrieved documents (RETRIEVER spans) and tool calls (TOOL spans) out
 * of the MLflow trace an agent endpoint returns under
 * `databricks_output.trace`. Spans are read in both serializations MLflow
 * produces: top-level `span_type`/`inputs`/`outputs`, or JSON-encoded
 * `attributes["mlflow.spanType" | "mlflow.spanInputs" | "mlflow.spanOutputs"]`.
 */
export function evidenceFromMlflowTrace(trace: unknown): MlflowTraceEvidence {
  if (!isRecord(trace)) return {};
  const info = isRecord(trace.info) ? trace.info : {};
  const traceId = typeof info.trace_id === "string" ? info.trace_id : typeof info.request_id === "string" ? info.request_id : undefined;
  const spans = isRecord(trace.data) && Array.isArray(trace.data.spans) ? trace.data.spans.filter(isRecord) : [];

  const context = spans.filter((span) => spanType(span) === "RETRIEVER").flatMap((span) => toContextDocs(spanField(span, "outputs")) ?? []);
  const toolCalls = spans
    .filter((span) => spanType(span) === "TOOL")
    .map((span): ToolCall => {
      const id = spanId(span);
      const args = spanField(span, "inputs");
      const output = spanField(span, "outputs");
      return {
        name: typeof span.name === "string" ? span.name : "tool",
        ...(args === undefined ? {} : { arguments: args }),
        ...(id === undefined ? {} : { id }),
        ...(output === undefined ? {} : { output }),
      };
    });
  return {
    ...(context.length > 0 ? { context } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(traceId === undefined ? {} : { mlflow_trace_id: traceId }),
  };
}

function spanType(span: Record<string, unknown>): unknown {
  return span.span_type ?? parseJsonText(attributes(span)["mlflow.spanType"]);
}

function spanField(span: Record<string, unknown>, field: "inputs" | "outputs"): unknown {
  if (span[field] !== undefined) return span[field];
  const key = field === "inputs" ? "mlflow.spanInputs" : "mlflow.spanOutputs";
  return parseJsonText(attributes(span)[key]);
}

function spanId(span: Record<string, unknown>): string | undefined {
  const id = span.span_id ?? (isRecord(span.context) ? span.context.span_id : undefined);
  return typeof id === "string" ? id : undefined;
}

function attributes(span: Record<string, unknown>): Record<string, unknown> {
  return isRecord(span.attributes) ? span.attributes : {};
}
