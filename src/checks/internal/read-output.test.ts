import { describe, expect, it } from "vitest";
import { readOutputText, readOutputValue } from "./read-output.js";

describe("readOutputText", () => {
  it.each([
    { output: "plain answer", field: undefined, text: "plain answer" },
    // A string output is the text even when `field` is set: there is nothing to select from.
    { output: "plain answer", field: "answer", text: "plain answer" },
    { output: { answer: "from field" }, field: "answer", text: "from field" },
    { output: { choices: [{ text: "first" }] }, field: "choices.0.text", text: "first" },
    { output: { total: 12 }, field: "total", text: "12" },
    { output: { a: 1 }, field: undefined, text: '{"a":1}' },
  ])("$output with field $field → $text", ({ output, field, text }) => {
    expect(readOutputText(output, field)).toEqual({ ok: true, value: text });
  });

  // Output the model got wrong fails the check; no output at all means the target did not answer.
  it.each([
    { output: { answer: "x" }, field: "reply", outcome: "fail", reason: 'output has no field "reply" (expected at `field: reply`)' },
    { output: { choices: [] }, field: "choices.0.text", outcome: "fail", reason: 'output has no field "choices.0" (expected at `field: choices.0.text`)' },
    { output: undefined, field: undefined, outcome: "error", reason: "target returned no output" },
  ])("is $outcome when the text cannot be found: $reason", ({ output, field, outcome, reason }) => {
    expect(readOutputText(output, field)).toEqual({ ok: false, verdict: { outcome, reason } });
  });
});

describe("readOutputValue", () => {
  it("parses a JSON text output, then selects `field`", () => {
    expect(readOutputValue('{"data": {"ids": [1, 2]}}', "data.ids")).toEqual({ ok: true, value: [1, 2] });
  });

  it("fails (the output's fault) when a text output is not JSON", () => {
    const read = readOutputValue("Here you go: {", undefined);
    expect(read.ok ? undefined : read.verdict.outcome).toBe("fail");
  });
});
