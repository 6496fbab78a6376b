import type { PromptTargetConfig } from "../config/targets-schema.js";
import { renderTemplate } from "../config/template.js";
import { TargetError } from "../errors.js";
import type { ChatMessage } from "../log/index.js";
import { createProvider, withCache, type ChatProvider, type ProviderOptions, type ResponseCache } from "../providers/index.js";
import { loadPromptTemplate, type PromptTemplate } from "./internal/prompt-template.js";
import { trialVars } from "./internal/trial-vars.js";
import type { Target } from "./types.js";

export interface PromptTargetDeps {
  /** Defaults to `createProvider(config.model, providerOptions)`. */
  provider?: ChatProvider;
  /** The suite's `providers:` block and directory (for `scripted:<file>` models). */
  providerOptions?: ProviderOptions;
  /** Only when the user asks (`--cache targets`); each trial keeps its own entry, so repeats stay real samples. */
  cache?: ResponseCache;
}

/** One prompt template sent to one model; the answer text is the output. */
export async function createPromptTarget(config: PromptTargetConfig, deps: PromptTargetDeps = {}): Promise<Target> {
  const template = await loadPromptTemplate(config.template);
  const model = deps.provider ?? createProvider(config.model, deps.providerOptions);
  const provider = deps.cache ? withCache(model, deps.cache) : model;
  return {
    info: { type: "prompt", description: `prompt ${config.template} on ${config.model}`, model: config.model, template: config.template },
    async prepare() {
      // Missing credentials stop the run here instead of failing every trial.
      await provider.prepare?.();
    },
    async invoke(input, ctx) {
      const messages = renderMessages(template, trialVars(input, ctx), config.template);
      const result = await provider.chat(messages, {
        ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
        ...(config.max_tokens === undefined ? {} : { maxTokens: config.max_tokens }),
        signal: ctx.signal,
        ...(ctx.deadline ? { deadline: ctx.deadline } : {}),
        metadata: { case_id: ctx.caseId, trial: String(ctx.trial) },
        cacheVariant: String(ctx.trial),
      });
      return {
        output: result.text,
        trace: {
          model: result.model,
          usage: result.usage,
          ...(result.costUsd === undefined ? {} : { cost_usd: result.costUsd }),
          ...(result.cached === undefined ? {} : { cached: result.cached }),
        },
      };
    },
  };
}

/** Renders both parts; a placeholder the case cannot fill fails this trial, naming it. */
export function renderMessages(template: PromptTemplate, vars: Record<string, unknown>, file: string): ChatMessage[] {
  const system = template.system === undefined ? undefined : renderTemplate(template.system, vars);
  const user = renderTemplate(template.user, vars);
  const missing = [...new Set([...(system?.missing ?? []), ...user.missing])];
  if (missing.length > 0) {
    throw new TargetError(
      `Prompt template ${file}: placeholder ${missing.map((p) => `{{${p}}}`).join(", ")} has no value for this case; add the field to the case's input or change the template.`,
    );
  }
  return [...(system ? [{ role: "system" as const, content: system.text }] : []), { role: "user", content: user.text }];
}
