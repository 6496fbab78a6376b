import { describe, expect, it } from "vitest";
import { toContextDocs, toToolCalls, toUsage } from "./trace-fields.js";

describe("toUsage", () => {
  it("reads OpenAI chat and Responses/Anthropic token names", () => {
    expect(toUsage({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 })).toEqual({ input_tokens: 12, output_tokens: 3 });
    expect(toUsage({ input_tokens: 7, output_tokens: 0 })).toEqual({ input_tokens: 7, output_tokens: 0 });
  });

  it("gives undefined for partial or malformed usage instead of guessing", () => {
    expect(toUsage({ prompt_tokens: 12 })).toBeUndefined();
    expect(toUsage({ input_tokens: -1, output_tokens: 2 })).toBeUndefined();
    expect(toUsage("12 tokens")).toBeUndefined();
  });
});

describe("toContextDocs", () => {
  it("numbers plain strings", () => {
    expect(toContextDocs(["alpha", "beta"])).toEqual([
      { id: "0", text: "alpha" },
      { id: "1", text: "beta" },
    ]);
  });

  it("takes id and text from LangChain-style documents and keeps their other fields", () => {
    const doc = { page_content: "Refunds take 5 days.", metadata: { doc_uri: "kb/refunds.md", score: 0.82 } };
    expect(toContextDocs([doc])).toEqual([{ ...doc, id: "kb/refunds.md", text: "Refunds take 5 days.", score: 0.82 }]);
    expect(toContextDocs([{ id: 42, content: "x" }])).toEqual([{ id: "42", content: "x", text: "x" }]);
  });

  it("gives undefined for a non-list", () => {
    expect(toContextDocs({ docs: [] })).toBeUndefined();
  });
});

describe("toToolCalls", () => {
  it("parses OpenAI-style calls with JSON-encoded arguments", () => {
    expect(toToolCalls([{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"order":"A1"}' } }])).toEqual([
      { name: "lookup", arguments: { order: "A1" }, id: "call_1" },
    ]);
  });

  it("accepts flat calls, keeps non-JSON arguments as text and skips entries without a name", () => {
    expect(toToolCalls([{ name: "search", arguments: "not json", call_id: "c9" }, { arguments: "{}" }, "junk"])).toEqual([
      { name: "search", arguments: "not json", id: "c9" },
    ]);
  });
});
