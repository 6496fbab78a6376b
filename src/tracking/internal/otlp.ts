/**
 * Minimal OTLP/HTTP JSON encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding)
 * for the spans evalgate sends to MLflow's `/v1/traces` endpoint.
 */

export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: OtlpAnyValue[] };
  kvlistValue?: { values: OtlpKeyValue[] };
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  status: { code: number; message?: string };
}

export const OTLP_STATUS = { unset: 0, ok: 1, error: 2 } as const;
/** SPAN_KIND_INTERNAL: the pipeline call is recorded after the fact, not by an instrumented server. */
export const OTLP_SPAN_KIND_INTERNAL = 1;

/**
 * Encodes any JSON value as an OTLP AnyValue. MLflow decodes it back into the
 * same JSON structure and stores it as the span attribute's value.
 */
export function toAnyValue(value: unknown): OtlpAnyValue {
  if (value === null || value === undefined) return {};
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  if (typeof value === "number") return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } };
  if (typeof value === "object") {
    return { kvlistValue: { values: Object.entries(value).map(([key, v]) => ({ key, value: toAnyValue(v) })) } };
  }
  return { stringValue: String(value) };
}

export function otlpAttributes(attributes: Record<string, unknown>): OtlpKeyValue[] {
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => ({ key, value: toAnyValue(value) }));
}

export function otlpExportRequest(spans: readonly OtlpSpan[]): { resourceSpans: unknown[] } {
  return {
    resourceSpans: [
      {
        // No resource attributes: MLflow stores them as trace tags (a stray `service.name` on every trace).
        resource: { attributes: [] },
        scopeSpans: [{ scope: { name: "evalgate" }, spans }],
      },
    ],
  };
}

export function isoToUnixNano(iso: string): string {
  return (BigInt(Date.parse(iso)) * 1_000_000n).toString();
}
