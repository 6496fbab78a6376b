import { describe, expect, it } from "vitest";
import type { Judge, JudgeTrial } from "./judge.js";
import { judgeSystemPrompt, renderExamples, renderJudgeMessages } from "./render-prompt.js";

const trial: JudgeTrial = {
  caseId: "refund-annual",
  trial: 0,
  input: "Can I get a refund?",
  output: "Yes, within 14 days [kb-billing-refunds].",
  trace: { context: [{ id: "kb-billing-refunds", title: "Refunds", text: "Annual plans: full refund within 14 days.", score: 3.2 }] },
};

describe("renderExamples", () => {
  it("renders examples as numbered blocks ending in the exact reply JSON", () => {
    const text = renderExamples([
      { input: "Refund?", context: "Refunds within 14 days.", output: "Yes, 30 days.", critique: "Says 30 days; the article says 14.", verdict: "FAIL" },
      { input: { question: "Plans?" }, output: "Free and Plus.", critique: "Both plans are in the article.", verdict: "PASS" },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "<example index="1">
      <input>
      Refund?
      </input>
      <context>
      Refunds within 14 days.
      </context>
      <output>
      Yes, 30 days.
      </output>
      <judgement>
      {"critique":"Says 30 days; the article says 14.","verdict":"FAIL"}
      </judgement>
      </example>

      <example index="2">
      <input>
      {
        "question": "Plans?"
      }
      </input>
      <output>
      Free and Plus.
      </output>
      <judgement>
      {"critique":"Both plans are in the article.","verdict":"PASS"}
      </judgement>
      </example>"
    `);
  });
});

describe("renderJudgeMessages", () => {
  const judge = {
    systemPrompt: judgeSystemPrompt("answer not supported by the articles", ""),
    template: "PASS: supported. FAIL: not.\n\n<articles>\n{{context}}\n</articles>\n<question>{{input}}</question>\n<answer>{{output}}</answer>\n",
  } as Pick<Judge, "systemPrompt" | "template">;

  it("fills context from the trace's retrieved documents when the case has none", () => {
    const { messages, missing } = renderJudgeMessages(judge, trial);
    expect(missing).toEqual([]);
    expect(messages[1]?.content).toMatchInlineSnapshot(`
      "PASS: supported. FAIL: not.

      <articles>
      <document id="kb-billing-refunds" title="Refunds">
      Annual plans: full refund within 14 days.
      </document>
      </articles>
      <question>Can I get a refund?</question>
      <answer>Yes, within 14 days [kb-billing-refunds].</answer>"
    `);
  });

  it("prefers the case's own context over the trace", () => {
    const { messages } = renderJudgeMessages(judge, { ...trial, context: "Policy: refunds within 7 days." });
    expect(messages[1]?.content).toContain("Policy: refunds within 7 days.");
    expect(messages[1]?.content).not.toContain("kb-billing-refunds\"");
  });

  it("reports placeholders the trial cannot fill instead of rendering them empty", () => {
    const { missing } = renderJudgeMessages(judge, { caseId: "x", trial: 0, input: "q" });
    expect(missing).toEqual(["context", "output"]);
  });

  it("puts the failure mode and the reply contract in the system message", () => {
    expect(renderJudgeMessages(judge, trial).messages[0]).toMatchInlineSnapshot(`
      {
        "content": "You are a strict evaluator. You check an AI assistant's response for exactly one failure mode: answer not supported by the articles.
      Judge only this failure mode and ignore every other quality of the response.
      Apply the PASS and FAIL definitions in the user message literally.
      First write a short critique that cites the specific evidence, then give the verdict.
      Reply with only a JSON object: {"critique": "<your reasoning>", "verdict": "PASS" or "FAIL"}.",
        "role": "system",
      }
    `);
  });
});
