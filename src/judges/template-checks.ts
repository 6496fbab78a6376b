import { closestMatch, lookupPath, templatePlaceholders } from "../config/index.js";
import type { Case } from "../datasets/index.js";
import type { JudgeIssue } from "./errors.js";
import { judgeAppliesTo, type Judge } from "./judge.js";
import { JUDGE_INPUTS, type JudgeInputName } from "./judge-schema.js";

/** 1-based line in the judge file of the first `{{path}}` in the template. */
export function placeholderLine(template: string, templateLine: number, path: string): number {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`\\{\\{\\s*${escaped}\\s*\\}\\}`).exec(template);
  if (!match) return templateLine;
  return templateLine + (template.slice(0, match.index).match(/\n/g)?.length ?? 0);
}

const rootOf = (path: string) => path.split(".")[0] as string;

/**
 * Problems a template has on its own: placeholders outside the known inputs
 * or not declared in `inputs`, a template that never shows the response, and
 * missing PASS/FAIL definitions.
 */
export function templateIssues(template: string, templateLine: number, inputs: readonly JudgeInputName[], file: string): JudgeIssue[] {
  const issues: JudgeIssue[] = [];
  const paths = templatePlaceholders(template);
  for (const path of paths) {
    const root = rootOf(path);
    const line = placeholderLine(template, templateLine, path);
    if (!(JUDGE_INPUTS as readonly string[]).includes(root)) {
      const hint = closestMatch(root, JUDGE_INPUTS);
      const suggestion = hint ? ` Did you mean {{${[hint, ...path.split(".").slice(1)].join(".")}}}?` : "";
      issues.push({ file, line, message: `Unknown placeholder {{${path}}}: a judge can show ${JUDGE_INPUTS.join(", ")}.${suggestion}` });
    } else if (!inputs.includes(root as JudgeInputName)) {
      issues.push({ file, line, message: `Placeholder {{${path}}} uses "${root}", which is not declared in inputs [${inputs.join(", ")}]. Add "${root}" to inputs.` });
    }
  }
  if (!paths.some((path) => rootOf(path) === "output" || rootOf(path) === "trace")) {
    issues.push({ file, line: templateLine, message: "The template never shows the judge the response: add {{output}} (or {{trace...}} for tool calls)." });
  }
  for (const word of ["PASS", "FAIL"]) {
    if (!template.includes(word)) {
      issues.push({ file, line: templateLine, message: `The criterion has no ${word} definition: say in words when the verdict is ${word}.` });
    }
  }
  return issues;
}

const SHOWN_CASES = 5;

/**
 * Every placeholder the cases must fill, checked against every case the judge
 * applies to. `input` and `expected` come only from the case. `context` may
 * come from the trial's retrieved documents, so only dotted paths into it
 * (which need the case's own `context` object) are checked here. `output` and
 * `trace` exist once a trial ran; a trial lacking them gets an `error` verdict.
 */
export function caseIssues(judge: Judge, cases: readonly Case[]): JudgeIssue[] {
  const applicable = cases.filter((testCase) => judgeAppliesTo(judge, testCase.tags));
  const issues: JudgeIssue[] = [];
  for (const path of templatePlaceholders(judge.template)) {
    const root = rootOf(path);
    const fromCase = root === "input" || root === "expected" || (root === "context" && path !== "context");
    if (!fromCase) continue;
    const lacking = applicable.filter((testCase) => lookupPath(testCase, path) === undefined).map((testCase) => testCase.id);
    if (lacking.length === 0) continue;
    const shown = lacking.slice(0, SHOWN_CASES).map((id) => `"${id}"`).join(", ");
    const more = lacking.length > SHOWN_CASES ? ` and ${lacking.length - SHOWN_CASES} more` : "";
    issues.push({
      file: judge.file,
      line: placeholderLine(judge.template, judge.templateLine, path),
      message: `{{${path}}} cannot be filled for ${lacking.length} of ${applicable.length} cases (${shown}${more}): they have no ${path}. Add it to those cases, or narrow the judge with applies_when.`,
    });
  }
  return issues;
}
