import { describe, expect, it } from "vitest";
import { TargetError } from "../../errors.js";
import { buildServingPayload } from "./request-payload.js";

const messages = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Hi" },
];

describe("buildServingPayload", () => {
  it("sends a string input as one user message, with params at the top level, for chat endpoints", () => {
    expect(buildServingPayload("chat", "What is RAG?", { params: { temperature: 0, max_tokens: 64 } })).toEqual({
      body: { messages: [{ role: "user", content: "What is RAG?" }], temperature: 0, max_tokens: 64 },
      rows: 1,
    });
  });

  it("sends a message list, or the messages of { messages }, as is", () => {
    expect(buildServingPayload("chat", messages).body).toEqual({ messages });
    expect(buildServingPayload("chat-agent", { messages }).body).toEqual({ messages });
  });

  it("builds a ResponsesAgent request with custom_inputs and return_trace", () => {
    expect(buildServingPayload("responses-agent", "Where is my order?", { custom_inputs: { user_id: "u1" }, return_trace: true }).body).toEqual({
      input: [{ role: "user", content: "Where is my order?" }],
      custom_inputs: { user_id: "u1" },
      databricks_options: { return_trace: true },
    });
  });

  it("leaves agent extras out when not asked for", () => {
    expect(buildServingPayload("responses-agent", "x", { return_trace: false }).body).toEqual({ input: [{ role: "user", content: "x" }] });
  });

  it("sends an object as one dataframe record and MLflow params under params", () => {
    expect(buildServingPayload("dataframe-records", { question: "q", k: 3 }, { params: { temperature: 0.1 } })).toEqual({
      body: { dataframe_records: [{ question: "q", k: 3 }], params: { temperature: 0.1 } },
      rows: 1,
    });
  });

  it("splits records into columns and rows, filling absent columns with null", () => {
    expect(buildServingPayload("dataframe-split", [{ a: 1, b: "x" }, { b: "y", c: true }])).toEqual({
      body: { dataframe_split: { columns: ["a", "b", "c"], data: [[1, "x", null], [null, "y", true]] } },
      rows: 2,
    });
  });

  it("sends any value under inputs, counting list items as rows", () => {
    expect(buildServingPayload("inputs", "raw text")).toEqual({ body: { inputs: "raw text" }, rows: 1 });
    expect(buildServingPayload("inputs", [[1, 2], [3, 4]])).toEqual({ body: { inputs: [[1, 2], [3, 4]] }, rows: 2 });
  });

  it("explains which inputs a format accepts", () => {
    expect(() => buildServingPayload("chat", { question: "q" })).toThrowErrorMatchingInlineSnapshot(
      `[TargetError: databricks-serving (format chat): expected the case input to be a string, a list of { role, content } messages or { messages: [...] }; received an object without messages.]`,
    );
    expect(() => buildServingPayload("dataframe-records", "q")).toThrowErrorMatchingInlineSnapshot(
      `[TargetError: databricks-serving (format dataframe-records): expected the case input to be an object (column → value) or a list of them; received a string. Use format: inputs to send other values as is.]`,
    );
    expect(() => buildServingPayload("chat-agent", [])).toThrow(TargetError);
  });
});
