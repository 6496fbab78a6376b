import type { AssessmentSourceType } from "../trace-payload.js";

/**
 * An MLflow 3 expectation assessment in proto3 JSON. Scalars travel as
 * `value`; lists and objects as JSON text in `serialized_value`, as MLflow's
 * `ExpectationValue.to_proto` sends them.
 */
export interface ExpectationAssessment {
  assessment_name: string;
  trace_id: string;
  source: { source_type: AssessmentSourceType; source_id: string };
  create_time: string;
  last_update_time: string;
  expectation: { value: string | number | boolean } | { serialized_value: { serialization_format: "JSON_FORMAT"; value: string } };
  metadata?: Record<string, string>;
}

/**
 * The name a non-object `expected` is logged under: the key MLflow's built-in
 * Correctness scorer reads the expected answer from.
 */
export const EXPECTED_RESPONSE_NAME = "expected_response";

export interface ExpectationContext {
  traceId: string;
  at: string;
  /** `mlflow.genai.evaluate` names the run's user (the `mlflow.user` tag) as the source. */
  user: string;
  metadata: Record<string, string>;
}

/**
 * A case's `expected` as expectations, the way `mlflow.genai.evaluate` logs a
 * dataset's `expectations` column: one HUMAN-sourced assessment per key of an
 * object (one named expected_response for any other value). Null values are
 * skipped: MLflow refuses an expectation without a value.
 */
export function expectationAssessments(expected: unknown, ctx: ExpectationContext): ExpectationAssessment[] {
  if (expected === undefined || expected === null) return [];
  const entries = isPlainObject(expected) ? Object.entries(expected) : [[EXPECTED_RESPONSE_NAME, expected] as const];
  return entries
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => ({
      assessment_name: name,
      trace_id: ctx.traceId,
      source: { source_type: "HUMAN", source_id: ctx.user },
      create_time: ctx.at,
      last_update_time: ctx.at,
      expectation: expectationValue(value),
      metadata: ctx.metadata,
    }));
}

function expectationValue(value: unknown): ExpectationAssessment["expectation"] {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { value };
  return { serialized_value: { serialization_format: "JSON_FORMAT", value: JSON.stringify(value) } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
