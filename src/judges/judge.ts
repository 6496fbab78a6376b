import { appliesTo } from "../config/index.js";
import type { Case } from "../datasets/index.js";
import type { Trace } from "../log/index.js";
import type { AppliesWhen, JudgeExample, JudgeInputName } from "./judge-schema.js";

/** A loaded, validated judge: everything needed to render its prompt and record its verdicts. */
export interface Judge {
  id: string;
  failureMode: string;
  /** Resolved model id: the judge file's, else the suite's `judge_model`. */
  model: string;
  temperature: number;
  inputs: JudgeInputName[];
  appliesWhen?: AppliesWhen;
  /** Absolute path of the judge file. */
  file: string;
  /** The body: criterion, PASS/FAIL definitions and `{{...}}` placeholders, unrendered. */
  template: string;
  /** 1-based line of the template's first line in `file`. */
  templateLine: number;
  examples: JudgeExample[];
  /** Fixed instructions plus the rendered examples: identical for every case. */
  systemPrompt: string;
  /** Short hash of everything that changes verdicts (see judge-version.ts). */
  version: string;
  /** Directory a `scripted:` model named in the judge file is relative to; unset when the model came from the suite. */
  modelBaseDir?: string;
}

/** One trial as a judge sees it: the case, plus what the target answered. */
export interface JudgeTrial {
  caseId: string;
  trial: number;
  input: unknown;
  expected?: unknown;
  /** The case's own reference material; when absent, judges read the trace's retrieved documents. */
  context?: unknown;
  tags?: readonly string[];
  output?: unknown;
  trace?: Trace;
}

export function judgeTrialOf(testCase: Case, trial: number, output: unknown, trace: Trace | undefined): JudgeTrial {
  return {
    caseId: testCase.id,
    trial,
    input: testCase.input,
    ...(testCase.expected === undefined ? {} : { expected: testCase.expected }),
    ...(testCase.context === undefined ? {} : { context: testCase.context }),
    ...(testCase.tags === undefined ? {} : { tags: testCase.tags }),
    ...(output === undefined ? {} : { output }),
    ...(trace === undefined ? {} : { trace }),
  };
}

/** Whether the judge's `applies_when` tag filter selects a case with these tags. */
export function judgeAppliesTo(judge: Pick<Judge, "appliesWhen">, tags: readonly string[] = []): boolean {
  return appliesTo(judge.appliesWhen, tags);
}
