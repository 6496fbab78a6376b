import { describe, expect, it } from "vitest";
import type { Case } from "../datasets/index.js";
import type { Judge } from "./judge.js";
import { caseIssues, placeholderLine, templateIssues } from "./template-checks.js";

const TEMPLATE = [
  "PASS when every claim is supported; FAIL otherwise.",
  "Question: {{input.question}}",
  "",
  "Articles: {{contxt}}",
  "Answer: {{ output }}",
  "Reference: {{expected.answer}}",
].join("\n");

describe("placeholderLine", () => {
  it("counts lines from the template's first line in the file", () => {
    expect(placeholderLine(TEMPLATE, 10, "input.question")).toBe(11);
    expect(placeholderLine(TEMPLATE, 10, "output")).toBe(14);
  });
});

describe("templateIssues", () => {
  it("locates unknown and undeclared placeholders, with a suggestion for typos", () => {
    expect(templateIssues(TEMPLATE, 10, ["input", "output"], "j.md")).toMatchInlineSnapshot(`
      [
        {
          "file": "j.md",
          "line": 13,
          "message": "Unknown placeholder {{contxt}}: a judge can show input, output, expected, context, trace. Did you mean {{context}}?",
        },
        {
          "file": "j.md",
          "line": 15,
          "message": "Placeholder {{expected.answer}} uses "expected", which is not declared in inputs [input, output]. Add "expected" to inputs.",
        },
      ]
    `);
  });

  it("requires the response and both verdict definitions", () => {
    const messages = templateIssues("Is {{input}} polite?", 6, ["input"], "j.md").map((issue) => issue.message);
    expect(messages).toMatchInlineSnapshot(`
      [
        "The template never shows the judge the response: add {{output}} (or {{trace...}} for tool calls).",
        "The criterion has no PASS definition: say in words when the verdict is PASS.",
        "The criterion has no FAIL definition: say in words when the verdict is FAIL.",
      ]
    `);
  });

  it("accepts a template that declares what it uses", () => {
    expect(templateIssues(TEMPLATE.replace("contxt", "context"), 1, ["input", "output", "context", "expected"], "j.md")).toEqual([]);
  });
});

describe("caseIssues", () => {
  const judge = {
    file: "/suite/judges/grounded.md",
    template: "PASS/FAIL\n{{input.question}}\n{{context}}\n{{context.policy}}\n{{output}}",
    templateLine: 8,
    appliesWhen: { tags_none: ["smalltalk"] },
  } as Judge;
  const cases: Case[] = [
    { id: "a", input: { question: "q" }, context: { policy: "p" } },
    { id: "b", input: { question: "q" } },
    { id: "c", input: "plain string" },
    { id: "d", input: "hi", tags: ["smalltalk"] },
  ];

  it("names the placeholder's line and the cases that cannot fill it, ignoring cases the judge skips", () => {
    expect(caseIssues(judge, cases)).toMatchInlineSnapshot(`
      [
        {
          "file": "/suite/judges/grounded.md",
          "line": 9,
          "message": "{{input.question}} cannot be filled for 1 of 3 cases ("c"): they have no input.question. Add it to those cases, or narrow the judge with applies_when.",
        },
        {
          "file": "/suite/judges/grounded.md",
          "line": 11,
          "message": "{{context.policy}} cannot be filled for 2 of 3 cases ("b", "c"): they have no context.policy. Add it to those cases, or narrow the judge with applies_when.",
        },
      ]
    `);
  });

  it("lets a bare {{context}} come from the trial's retrieved documents", () => {
    const bare = { ...judge, template: "PASS/FAIL {{context}} {{output}}" } as Judge;
    expect(caseIssues(bare, cases)).toEqual([]);
  });
});
