import { describe, expect, it } from "vitest";
import { renderJsonTemplate } from "./json-template.js";

const vars = { input: { question: "Where?", top_k: 5, filters: { lang: "en" }, flag: false }, case_id: "c1" };

describe("renderJsonTemplate", () => {
  it("inserts the raw value for a string that is exactly one placeholder", () => {
    const { value, missing } = renderJsonTemplate(
      { query: "{{input.question}}", k: "{{ input.top_k }}", filters: "{{input.filters}}", flag: "{{input.flag}}", whole: "{{input}}" },
      vars,
    );
    expect(missing).toEqual([]);
    expect(value).toEqual({ query: "Where?", k: 5, filters: { lang: "en" }, flag: false, whole: vars.input });
  });

  it("renders placeholders embedded in longer strings as text, and walks arrays and nested objects", () => {
    const { value } = renderJsonTemplate(
      { messages: [{ role: "user", content: "Q: {{input.question}} (k={{input.top_k}})" }], meta: { id: "{{case_id}}" }, n: 3, x: null },
      vars,
    );
    expect(value).toEqual({ messages: [{ role: "user", content: "Q: Where? (k=5)" }], meta: { id: "c1" }, n: 3, x: null });
  });

  it("leaves object keys untouched", () => {
    expect(renderJsonTemplate({ "{{input.question}}": 1 }, vars).value).toEqual({ "{{input.question}}": 1 });
  });

  it("names every placeholder the variables cannot fill", () => {
    const { missing } = renderJsonTemplate({ a: "{{input.nope}}", b: "x {{expected}} {{input.nope}}" }, vars);
    expect(missing).toEqual(["input.nope", "expected"]);
  });
});
