import { describe, expect, it } from "vitest";
import { parseJudgeFile } from "./parse-judge.js";

const FILE = "/suite/judges/grounded.md";
const BODY = "PASS when supported, FAIL otherwise.\n{{context}}\n{{output}}\n";

describe("parseJudgeFile", () => {
  it("applies defaults and resolves the examples file next to the judge", () => {
    const parsed = parseJudgeFile(`---\nid: grounded\nfailure_mode: unsupported claims\ninputs: [context, output]\nexamples: grounded.examples.jsonl\n---\n${BODY}`, FILE);
    expect(parsed).toEqual({
      ok: true,
      judge: {
        frontMatter: { id: "grounded", failure_mode: "unsupported claims", inputs: ["context", "output"], temperature: 0, examples: "grounded.examples.jsonl" },
        template: BODY,
        templateLine: 7,
        examplesFile: "/suite/judges/grounded.examples.jsonl",
      },
    });
  });

  it("locates front-matter problems on their YAML line", () => {
    const parsed = parseJudgeFile(`---\nid: grounded\nfailure_mode: x\ninputs: [context, outptu]\ntemperature: 3\n---\n${BODY}`, FILE);
    expect(parsed.ok ? [] : parsed.issues).toMatchInlineSnapshot(`
      [
        {
          "file": "/suite/judges/grounded.md",
          "line": 4,
          "message": "inputs[1]: Expected one of "input", "output", "expected", "context", "trace", received "outptu". Did you mean "output"?",
        },
        {
          "file": "/suite/judges/grounded.md",
          "line": 5,
          "message": "temperature: Expected a number <= 2, received 3",
        },
      ]
    `);
  });

  it("reports YAML syntax errors and a missing front matter with a line", () => {
    const syntax = parseJudgeFile(`---\nid: grounded\ninputs: [output\n---\n${BODY}`, FILE);
    expect(syntax.ok ? [] : syntax.issues.map((i) => [i.line, i.message.slice(0, 18)])).toEqual([[3, "YAML syntax error:"]]);
    const none = parseJudgeFile(BODY, FILE);
    expect(none.ok ? [] : none.issues).toMatchInlineSnapshot(`
      [
        {
          "file": "/suite/judges/grounded.md",
          "line": 1,
          "message": "No front matter. A judge file starts with YAML front matter between \`---\` lines (id, failure_mode, inputs, …), followed by the criterion and template.",
        },
      ]
    `);
  });

  it("locates template placeholder problems on their line in the file", () => {
    const parsed = parseJudgeFile(`---\nid: g\nfailure_mode: x\ninputs: [output]\n---\n${BODY}`, FILE);
    expect(parsed.ok ? [] : parsed.issues.map((i) => `${i.line}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "7: Placeholder {{context}} uses "context", which is not declared in inputs [output]. Add "context" to inputs.",
      ]
    `);
  });
});
