import { describe, expect, it } from "vitest";
import { parseJudgeReply, retryInstruction } from "./parse-reply.js";

describe("parseJudgeReply", () => {
  it("accepts a critique and a binary verdict", () => {
    expect(parseJudgeReply('{"critique": "Cites kb-1 for the 14 days.", "verdict": "PASS"}')).toEqual({
      ok: true,
      reply: { critique: "Cites kb-1 for the 14 days.", verdict: "PASS" },
    });
  });

  it("reads JSON wrapped in a Markdown fence", () => {
    expect(parseJudgeReply('```json\n{"critique": "Leaks a phone number.", "verdict": "FAIL"}\n```')).toMatchObject({ ok: true, reply: { verdict: "FAIL" } });
  });

  it.each([
    { text: "PASS", error: /not valid JSON/ },
    { text: '{"critique": "fine", "verdict": "pass"}', error: /verdict/ },
    { text: '{"critique": "ok", "verdict": "MOSTLY"}', error: /verdict/ },
    { text: '{"verdict": "PASS"}', error: /critique/ },
    { text: '{"critique": "  ", "verdict": "PASS"}', error: /critique: The critique must not be empty/ },
    { text: '{"critique": "x", "verdict": "PASS", "score": 4}', error: /score/ },
  ])("rejects $text", ({ text, error }) => {
    const parsed = parseJudgeReply(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.error).toMatch(error);
  });

  it("tells the model what was wrong and the shape to use", () => {
    const parsed = parseJudgeReply('{"critique": "ok", "verdict": "MOSTLY"}');
    expect(retryInstruction(parsed.ok ? "" : parsed.error)).toMatchInlineSnapshot(`"The reply does not match the required shape: verdict: Invalid option: expected one of "PASS"|"FAIL". Reply again with only a JSON object {"critique": "<your reasoning>", "verdict": "PASS" or "FAIL"} and nothing else."`);
  });
});
