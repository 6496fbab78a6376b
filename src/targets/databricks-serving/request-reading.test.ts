import { describe, expect, it } from "vitest";
import { buildServingPayload } from "./request-payload.js";
import { readServingRequest } from "./request-reading.js";

describe("readServingRequest", () => {
  it.each([
    ["chat", "What is RAG?", { choices: [] }],
    ["chat-agent", [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }], { messages: [] }],
    ["responses-agent", "Where is my order?", { output: [] }],
    ["dataframe-records", { question: "q", k: 3 }, { predictions: [] }],
    ["dataframe-split", { question: "q", k: 3 }, { predictions: [] }],
    ["inputs", "raw text", { predictions: [] }],
  ] as const)("reads back what buildServingPayload sends for %s", (format, input, response) => {
    const { body, rows } = buildServingPayload(format, input);
    expect(readServingRequest(body, response)).toEqual({ format, input, rows });
  });

  it("joins responses-style content parts and reads multi-row dataframes as a list", () => {
    expect(readServingRequest({ input: [{ role: "user", content: [{ type: "input_text", text: "Hi " }, { type: "input_text", text: "there" }] }] }, {})?.input).toBe("Hi there");
    expect(readServingRequest({ dataframe_records: [{ a: 1 }, { a: 2 }] }, {})).toEqual({ format: "dataframe-records", input: [{ a: 1 }, { a: 2 }], rows: 2 });
  });

  it("gives undefined for a request in no known format", () => {
    expect(readServingRequest({ prompt: "x" }, {})).toBeUndefined();
    expect(readServingRequest("x", {})).toBeUndefined();
  });
});
