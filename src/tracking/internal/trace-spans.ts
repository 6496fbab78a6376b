/** One span of a stored trace, with MLflow's span attributes decoded. */
export interface TraceSpan {
  name: string;
  span_id?: string;
  /** Absent on the root span. */
  parent_span_id?: string;
  /** MLflow's span type (CHAIN, RETRIEVER, TOOL, ...). */
  span_type?: string;
  inputs?: unknown;
  outputs?: unknown;
}

/**
 * Spans as `GET /api/3.0/mlflow/traces/get` returns them: OpenTelemetry
 * proto JSON, whose attributes are `{ key, value: AnyValue }` pairs holding
 * native values (a kvlist is an object, a string is the string itself).
 */
export function spansFromOtelProto(spans: readonly unknown[]): TraceSpan[] {
  return spans.filter(isRecord).map((span) => {
    const attributes = new Map(
      (Array.isArray(span.attributes) ? span.attributes : []).filter(isRecord).map((kv) => [String(kv.key), anyValue(kv.value)] as const),
    );
    return toSpan(span, {
      type: attributes.get("mlflow.spanType"),
      inputs: attributes.get("mlflow.spanInputs"),
      outputs: attributes.get("mlflow.spanOutputs"),
    });
  });
}

/**
 * Spans of MLflow's trace data file (`traces.json`: the artifact store's copy,
 * and what Databricks' signed trace-data URLs serve): attributes are a map of
 * JSON-encoded values.
 */
export function spansFromTraceData(data: unknown): TraceSpan[] {
  const spans = isRecord(data) && Array.isArray(data.spans) ? data.spans : [];
  return spans.filter(isRecord).map((span) => {
    const attributes = isRecord(span.attributes) ? span.attributes : {};
    return toSpan(span, {
      type: parseJson(attributes["mlflow.spanType"]),
      inputs: parseJson(attributes["mlflow.spanInputs"]),
      outputs: parseJson(attributes["mlflow.spanOutputs"]),
    });
  });
}

function toSpan(span: Record<string, unknown>, decoded: { type: unknown; inputs: unknown; outputs: unknown }): TraceSpan {
  const id = span.span_id ?? span.spanId;
  const parent = span.parent_span_id ?? span.parentSpanId;
  // Older clients stored the type JSON-encoded even where values are native.
  const type = typeof decoded.type === "string" && decoded.type.startsWith('"') ? parseJson(decoded.type) : decoded.type;
  return {
    name: typeof span.name === "string" ? span.name : "",
    ...(typeof id === "string" && id !== "" ? { span_id: id } : {}),
    ...(typeof parent === "string" && parent !== "" ? { parent_span_id: parent } : {}),
    ...(typeof type === "string" ? { span_type: type } : {}),
    ...(decoded.inputs === undefined ? {} : { inputs: decoded.inputs }),
    ...(decoded.outputs === undefined ? {} : { outputs: decoded.outputs }),
  };
}

/** OTel AnyValue (proto JSON, snake_case or camelCase field names) to a plain value. */
function anyValue(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  const pick = (snake: string, camel: string) => (snake in value ? value[snake] : value[camel]);
  const text = pick("string_value", "stringValue");
  if (text !== undefined) return text;
  const bool = pick("bool_value", "boolValue");
  if (bool !== undefined) return bool;
  const int = pick("int_value", "intValue");
  if (int !== undefined) return Number(int);
  const double = pick("double_value", "doubleValue");
  if (double !== undefined) return Number(double);
  const array = pick("array_value", "arrayValue");
  if (isRecord(array)) return (Array.isArray(array.values) ? array.values : []).map(anyValue);
  const kvlist = pick("kvlist_value", "kvlistValue");
  if (isRecord(kvlist)) {
    const pairs = (Array.isArray(kvlist.values) ? kvlist.values : []).filter(isRecord);
    return Object.fromEntries(pairs.map((kv) => [String(kv.key), anyValue(kv.value)]));
  }
  return undefined;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
