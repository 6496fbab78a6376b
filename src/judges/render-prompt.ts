import { renderTemplate } from "../config/index.js";
import type { ChatMessage } from "../log/index.js";
import { asDocuments, formatForJudge } from "./internal/format-value.js";
import type { Judge, JudgeTrial } from "./judge.js";
import type { JudgeExample } from "./judge-schema.js";

/**
 * The fixed part of every judge's system message. Changing this text changes
 * every judge's version, which is right: it changes verdicts.
 */
export function judgeSystemPrompt(failureMode: string, renderedExamples: string): string {
  const preamble = [
    `You are a strict evaluator. You check an AI assistant's response for exactly one failure mode: ${failureMode}.`,
    "Judge only this failure mode and ignore every other quality of the response.",
    "Apply the PASS and FAIL definitions in the user message literally.",
    "First write a short critique that cites the specific evidence, then give the verdict.",
    'Reply with only a JSON object: {"critique": "<your reasoning>", "verdict": "PASS" or "FAIL"}.',
  ].join("\n");
  if (renderedExamples === "") return preamble;
  return `${preamble}\n\nExamples of correct judgements follow, in order. They show how to apply the definitions; they are not the case to judge.\n\n${renderedExamples}`;
}

/**
 * Few-shot examples as `<example index="n">` blocks, in file order. Each shows
 * input, then context and expected when the example has them, then output,
 * then the judgement in the exact JSON the judge must reply with.
 */
export function renderExamples(examples: readonly JudgeExample[]): string {
  return examples
    .map((example, index) => {
      const parts: string[] = [`<input>\n${formatForJudge(example.input)}\n</input>`];
      if (example.context !== undefined) parts.push(`<context>\n${formatForJudge(example.context)}\n</context>`);
      if (example.expected !== undefined) parts.push(`<expected>\n${formatForJudge(example.expected)}\n</expected>`);
      parts.push(`<output>\n${formatForJudge(example.output)}\n</output>`);
      parts.push(`<judgement>\n${JSON.stringify({ critique: example.critique, verdict: example.verdict })}\n</judgement>`);
      return `<example index="${index + 1}">\n${parts.join("\n")}\n</example>`;
    })
    .join("\n\n");
}

/**
 * Values for the template's placeholders. `context` is the case's own
 * `context` when it has one, else the documents the target reported in
 * `trace.context` (what a RAG pipeline retrieved for this trial).
 */
function judgeVariables(trial: JudgeTrial): Record<string, unknown> {
  const context = trial.context ?? trial.trace?.context;
  const vars: Record<string, unknown> = { input: trial.input, expected: trial.expected, output: trial.output, trace: trial.trace };
  // Documents are pre-formatted; other context keeps its shape so `{{context.policy}}` still resolves.
  vars.context = asDocuments(context) ? formatForJudge(context) : context;
  return vars;
}

export interface RenderedJudgePrompt {
  messages: ChatMessage[];
  /** Placeholders the trial could not fill; a prompt with any is never sent. */
  missing: string[];
}

/** The exact messages `judge` sends for `trial`: its system message, then the rendered template. */
export function renderJudgeMessages(judge: Pick<Judge, "systemPrompt" | "template">, trial: JudgeTrial): RenderedJudgePrompt {
  const user = renderTemplate(judge.template, judgeVariables(trial));
  return {
    messages: [
      { role: "system", content: judge.systemPrompt },
      { role: "user", content: user.text.trim() },
    ],
    missing: user.missing,
  };
}
