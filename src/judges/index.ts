export { JudgeError, JudgeTimeoutError, type JudgeIssue } from "./errors.js";
export {
  AppliesWhenSchema,
  JUDGE_INPUTS,
  JudgeExampleSchema,
  JudgeFrontMatterSchema,
  JudgeReplySchema,
  judgeReplyJsonSchema,
  MAX_EXAMPLES,
  MIN_EXAMPLES,
  type AppliesWhen,
  type JudgeExample,
  type JudgeFrontMatter,
  type JudgeInputName,
  type JudgeReply,
} from "./judge-schema.js";
export { createJudge, type JudgeSpec } from "./create-judge.js";
export { judgeAppliesTo, judgeTrialOf, type Judge, type JudgeTrial } from "./judge.js";
export { loadJudges, validateJudgeAgainstCases, type LoadJudgesOptions } from "./load-judges.js";
export { judgeSystemPrompt, renderExamples, renderJudgeMessages, type RenderedJudgePrompt } from "./render-prompt.js";
export { parseJudgeReply } from "./parse-reply.js";
export { runJudge, type RunJudgeOptions } from "./run-judge.js";
export { createJudgeRunner, type JudgeRunner, type JudgeRunnerOptions, type JudgeRunRequest } from "./create-judge-runner.js";
export { testJudge, type JudgeTestResult, type TestJudgeOptions } from "./test-judge.js";
