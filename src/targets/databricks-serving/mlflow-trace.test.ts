import { describe, expect, it } from "vitest";
import { evidenceFromMlflowTrace } from "./mlflow-trace.js";

describe("evidenceFromMlflowTrace", () => {
  it("reads spans serialized with JSON-encoded mlflow.* attributes (MLflow 2 layout)", () => {
    const trace = {
      info: { request_id: "tr-abc" },
      data: {
        spans: [
          {
            name: "VectorSearchRetriever",
            context: { span_id: "0x1", trace_id: "0xabc" },
            attributes: {
              "mlflow.spanType": '"RETRIEVER"',
              "mlflow.spanOutputs": JSON.stringify([
                { page_content: "Refunds take 5 days.", metadata: { doc_uri: "kb/refunds.md", chunk_id: "7" } },
                { page_content: "No doc uri here.", metadata: { id: "chunk-9" } },
              ]),
            },
          },
          {
            name: "get_weather",
            context: { span_id: "0x2" },
            attributes: { "mlflow.spanType": '"TOOL"', "mlflow.spanInputs": '{"city":"Oslo"}', "mlflow.spanOutputs": '"rain"' },
          },
          { name: "llm", attributes: { "mlflow.spanType": '"CHAT_MODEL"' } },
        ],
      },
    };
    expect(evidenceFromMlflowTrace(trace)).toEqual({
      context: [
        { page_content: "Refunds take 5 days.", metadata: { doc_uri: "kb/refunds.md", chunk_id: "7" }, id: "kb/refunds.md", text: "Refunds take 5 days." },
        { page_content: "No doc uri here.", metadata: { id: "chunk-9" }, id: "chunk-9", text: "No doc uri here." },
      ],
      tool_calls: [{ name: "get_weather", arguments: { city: "Oslo" }, id: "0x2", output: "rain" }],
      mlflow_trace_id: "tr-abc",
    });
  });

  it("gives nothing for a missing or malformed trace", () => {
    expect(evidenceFromMlflowTrace(undefined)).toEqual({});
    expect(evidenceFromMlflowTrace({ data: { spans: "nope" } })).toEqual({});
  });
});
