import { describe, expect, it } from "vitest";
import { compileSelector, SelectorSyntaxError } from "./json-selector.js";

const response = {
  answer: "Paris",
  "odd key": 1,
  data: { items: [{ id: "a", score: 0.9 }, { id: "b" }, { name: "no id" }] },
  messages: [{ content: "first" }, { content: "last" }],
};

describe("compileSelector", () => {
  it.each([
    ["$", response],
    ["$.answer", "Paris"],
    ["$['odd key']", 1],
    ['$["answer"]', "Paris"],
    ["$.data.items[0].id", "a"],
    ["$.data.items[0].score", 0.9],
    ["$.messages[-1].content", "last"],
    ["$.data.items[*].id", ["a", "b"]],
    ["$.data.items[*]", response.data.items],
    ["$.messages.*.content", ["first", "last"]],
  ])("selects %s", (expression, expected) => {
    expect(compileSelector(expression).select(response)).toEqual(expected);
  });

  it("yields undefined for a missing path and an empty list for a wildcard that matches nothing", () => {
    expect(compileSelector("$.data.nothing[0].id").select(response)).toBeUndefined();
    expect(compileSelector("$.answer[0]").select(response)).toBeUndefined();
    expect(compileSelector("$.nothing[*].id").select(response)).toEqual([]);
  });

  it("keeps falsy values that are present", () => {
    expect(compileSelector("$.a").select({ a: 0 })).toBe(0);
    expect(compileSelector("$.a").select({ a: null })).toBeNull();
    expect(compileSelector("$.a[*]").select({ a: [false, ""] })).toEqual([false, ""]);
  });

  it("rejects syntax it does not support, naming the unparsed rest", () => {
    expect(() => compileSelector("answer")).toThrow(SelectorSyntaxError);
    expect(() => compileSelector("$..id")).toThrowErrorMatchingInlineSnapshot(
      `[Error: selector "$..id" is not understood at "..id" (supported: .key, ['key'], [0], [-1], [*], .*)]`,
    );
  });
});
