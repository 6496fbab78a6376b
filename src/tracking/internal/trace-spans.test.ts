import { describe, expect, it } from "vitest";
import { spansFromOtelProto, spansFromTraceData } from "./trace-spans.js";

// Shapes as MLflow 3.17.2's server answers GET /api/3.0/mlflow/traces/get and serves traces.json.
describe("trace spans", () => {
  it("decodes OTel proto attributes (kvlist, array, scalars) of /traces/get", () => {
    const spans = spansFromOtelProto([
      {
        span_id: "aEvnXjdB4Ws=",
        name: "answer",
        attributes: [
          { key: "mlflow.spanType", value: { string_value: "CHAIN" } },
          { key: "mlflow.spanInputs", value: { kvlist_value: { values: [{ key: "question", value: { string_value: "Hi?" } }, { key: "k", value: { int_value: "3" } }] } } },
          { key: "mlflow.spanOutputs", value: { string_value: "Hello." } },
        ],
      },
      {
        span_id: "E5VUIE0HcdQ=",
        parent_span_id: "aEvnXjdB4Ws=",
        name: "retrieve",
        attributes: [
          { key: "mlflow.spanType", value: { string_value: "RETRIEVER" } },
          { key: "mlflow.spanOutputs", value: { array_value: { values: [{ kvlist_value: { values: [{ key: "page_content", value: { string_value: "Doc" } }, { key: "ok", value: { bool_value: true } }] } }] } } },
        ],
      },
    ]);
    expect(spans).toEqual([
      { name: "answer", span_id: "aEvnXjdB4Ws=", span_type: "CHAIN", inputs: { question: "Hi?", k: 3 }, outputs: "Hello." },
      { name: "retrieve", span_id: "E5VUIE0HcdQ=", parent_span_id: "aEvnXjdB4Ws=", span_type: "RETRIEVER", outputs: [{ page_content: "Doc", ok: true }] },
    ]);
  });

  it("parses the JSON-encoded attributes of a trace-data file", () => {
    const data = {
      spans: [
        { name: "answer", span_id: "a", parent_span_id: null, attributes: { "mlflow.spanType": '"CHAIN"', "mlflow.spanInputs": '{"question": "Hi?"}', "mlflow.spanOutputs": '"Hello."' } },
      ],
    };
    expect(spansFromTraceData(data)).toEqual([{ name: "answer", span_id: "a", span_type: "CHAIN", inputs: { question: "Hi?" }, outputs: "Hello." }]);
    expect(spansFromTraceData({})).toEqual([]);
  });
});
