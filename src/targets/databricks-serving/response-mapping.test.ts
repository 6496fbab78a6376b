import { describe, expect, it } from "vitest";
import { mapServingResponse } from "./response-mapping.js";

describe("mapServingResponse", () => {
  it("maps a chat completion: content, tool calls, usage and model", () => {
    const body = {
      model: "databricks-meta-llama-3-3-70b-instruct",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Paris.",
            tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"city":"Paris"}' } }],
          },
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 2, total_tokens: 22 },
    };
    expect(mapServingResponse("chat", body, 1)).toEqual({
      output: "Paris.",
      trace: {
        tool_calls: [{ name: "lookup", arguments: { city: "Paris" }, id: "call_1" }],
        usage: { input_tokens: 20, output_tokens: 2 },
        model: "databricks-meta-llama-3-3-70b-instruct",
      },
    });
  });

  it("joins the text of ResponsesAgent message items and pairs function calls with their outputs", () => {
    const body = {
      output: [
        { type: "function_call", id: "fc_1", call_id: "call_7", name: "get_order", arguments: '{"id":"A1"}' },
        { type: "function_call_output", call_id: "call_7", output: "shipped" },
        { type: "message", id: "m1", role: "assistant", content: [{ type: "output_text", text: "Your order " }, { type: "output_text", text: "shipped." }] },
        { type: "message", id: "m2", role: "assistant", content: [{ type: "output_text", text: "Anything else?" }] },
      ],
    };
    expect(mapServingResponse("responses-agent", body, 1)).toEqual({
      output: "Your order shipped.\nAnything else?",
      trace: { tool_calls: [{ name: "get_order", arguments: { id: "A1" }, id: "call_7", output: "shipped" }] },
    });
  });

  it("takes the last assistant content of a ChatAgent reply and its tool calls", () => {
    const body = {
      messages: [
        { role: "assistant", content: "", id: "1", tool_calls: [{ id: "t1", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }] },
        { role: "tool", content: "result", tool_call_id: "t1", id: "2" },
        { role: "assistant", content: "Found it.", id: "3" },
      ],
    };
    expect(mapServingResponse("chat-agent", body, 1)).toEqual({
      output: "Found it.",
      trace: { tool_calls: [{ name: "search", arguments: { q: "x" }, id: "t1" }] },
    });
  });

  it("answers a one-row pyfunc request with its first prediction and a multi-row one with all", () => {
    expect(mapServingResponse("dataframe-records", { predictions: [{ answer: "a" }] }, 1).output).toEqual({ answer: "a" });
    expect(mapServingResponse("dataframe-split", { predictions: ["a", "b"] }, 2).output).toEqual(["a", "b"]);
    expect(mapServingResponse("inputs", ["bare"], 1).output).toBe("bare");
    expect(mapServingResponse("inputs", { predictions: { score: 1 } }, 1).output).toEqual({ score: 1 });
  });

  it("maps the returned MLflow trace to context and, when the answer lists none, tool calls", () => {
    const body = {
      output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "ok" }] }],
      databricks_output: {
        trace: {
          info: { trace_id: "tr-1" },
          data: {
            spans: [
              { name: "retrieve", span_id: "s1", span_type: "RETRIEVER", outputs: [{ page_content: "Doc A", metadata: { doc_uri: "a.md" } }] },
              { name: "calculator", span_id: "s2", span_type: "TOOL", inputs: { x: 1 }, outputs: 2 },
            ],
          },
        },
      },
    };
    expect(mapServingResponse("responses-agent", body, 1).trace).toEqual({
      context: [{ page_content: "Doc A", metadata: { doc_uri: "a.md" }, id: "a.md", text: "Doc A" }],
      tool_calls: [{ name: "calculator", arguments: { x: 1 }, id: "s2", output: 2 }],
      mlflow_trace_id: "tr-1",
    });
  });

  it("says which field is missing when the format does not match the endpoint", () => {
    expect(() => mapServingResponse("chat", { predictions: ["x"] }, 1)).toThrowErrorMatchingInlineSnapshot(
      `[TargetError: databricks-serving (format chat): the response has no choices[0].message; received {"predictions":["x"]}. Check that \`format\` matches what the endpoint serves.]`,
    );
  });
});
