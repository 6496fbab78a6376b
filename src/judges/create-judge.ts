import type { Judge } from "./judge.js";
import type { JudgeInputName } from "./judge-schema.js";
import { judgeReplyJsonSchema } from "./judge-schema.js";
import { judgeVersion } from "./judge-version.js";
import { judgeSystemPrompt } from "./render-prompt.js";

/** A judge defined in code rather than in a Markdown file: evalgate's own (e.g. model-based guards). */
export interface JudgeSpec {
  id: string;
  failureMode: string;
  model: string;
  /** The prompt body with `{{input}}`, `{{output}}`, `{{context}}` placeholders. */
  template: string;
  inputs: JudgeInputName[];
  temperature?: number;
  /** Where the judge was defined, for messages (a file, or a name such as `guardrails.yaml#input[2]`). */
  source: string;
  /** Directory a `scripted:` model is relative to. */
  modelBaseDir?: string;
}

/**
 * A judge without few-shot examples, versioned like a judge file (template,
 * system prompt, model, temperature, reply schema), so its verdicts are
 * cached and never pooled across versions.
 */
export function createJudge(spec: JudgeSpec): Judge {
  const temperature = spec.temperature ?? 0;
  const systemPrompt = judgeSystemPrompt(spec.failureMode, "");
  return {
    id: spec.id,
    failureMode: spec.failureMode,
    model: spec.model,
    temperature,
    inputs: spec.inputs,
    file: spec.source,
    template: spec.template,
    templateLine: 1,
    examples: [],
    systemPrompt,
    version: judgeVersion({ template: spec.template, systemPrompt, model: spec.model, temperature, replySchema: judgeReplyJsonSchema() }),
    ...(spec.modelBaseDir === undefined ? {} : { modelBaseDir: spec.modelBaseDir }),
  };
}
