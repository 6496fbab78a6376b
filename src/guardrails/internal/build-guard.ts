import { resolve } from "node:path";
import { compileRegex } from "../../checks/index.js";
import { ConfigError, errorMessage } from "../../errors.js";
import { parseModelId, type ChatProvider } from "../../providers/index.js";
import {
  checkLength,
  checkUrls,
  findPii,
  findSecrets,
  matchKeywords,
  matchPatterns,
  scoreInjection,
} from "../detectors/index.js";
import type { GuardConfig, GuardType } from "../config-schema.js";
import type { Guard, GuardFinding, GuardInput, GuardOnError, GuardSpan, GuardStage } from "../types.js";
import { loadCustomGuard, runCustomGuard } from "./custom-guard.js";
import { GuardProblem } from "./guard-problem.js";
import { jsonSchemaDetector } from "./json-schema-guard.js";
import { modelGuardDetector } from "./model-guard.js";

/** Guards that stand between an attacker and the pipeline: at the input stage they fail closed unless told otherwise. */
const INPUT_SECURITY_TYPES: readonly GuardType[] = ["pii", "secrets", "injection"];

/** on_error when the config sets none: closed for input security guards, open for every other guard. */
export function defaultOnError(type: GuardType, stage: GuardStage): GuardOnError {
  return stage === "input" && INPUT_SECURITY_TYPES.includes(type) ? "closed" : "open";
}

/** Offline guards answer in well under a millisecond; user code and model calls get room for I/O. */
export const DEFAULT_TIMEOUT_MS = { static: 1_000, custom: 5_000, model: 15_000 } as const;

export function defaultTimeoutMs(type: GuardType): number {
  if (type === "custom") return DEFAULT_TIMEOUT_MS.custom;
  return type === "scope" || type === "groundedness" ? DEFAULT_TIMEOUT_MS.model : DEFAULT_TIMEOUT_MS.static;
}

export interface BuildContext {
  /** Relative paths (schema files, custom modules, `scripted:` models) start here. */
  baseDir: string;
  /** The guardrails file (or a name for an inline config), for messages. */
  source: string;
  /** Model for scope and groundedness guards that name none (the suite's judge_model). */
  defaultModel?: string;
  /** The provider for a model id, cache included. */
  providerFor: (modelId: string) => ChatProvider;
  /** Collects every file a guard loads, so a run can hash them. */
  files: Set<string>;
}

/** Turns one validated guard config into a ready Guard, doing its I/O (modules, schema files) now. Throws GuardProblem. */
export async function buildGuard(config: GuardConfig, stage: GuardStage, ctx: BuildContext): Promise<Guard> {
  const timeoutMs = config.timeout_ms ?? defaultTimeoutMs(config.type);
  return {
    id: config.id,
    type: config.type,
    action: config.action,
    onError: config.on_error ?? defaultOnError(config.type, stage),
    timeoutMs,
    ...(config.parallel === undefined ? {} : { parallel: config.parallel }),
    detect: await detectorFor(config, { ...ctx, timeoutMs }),
  };
}

type Detector = (input: GuardInput) => GuardFinding | Promise<GuardFinding>;

async function detectorFor(config: GuardConfig, ctx: BuildContext & { timeoutMs: number }): Promise<Detector> {
  switch (config.type) {
    case "pii": {
      const options = config.entities ? { entities: config.entities } : undefined;
      return ({ text }) => spansFound(findPii(text, options));
    }
    case "secrets":
      return ({ text }) => spansFound(findSecrets(text));
    case "injection":
      return ({ text }) => {
        const { score, spans } = scoreInjection(text);
        const triggered = score >= config.threshold;
        return { triggered, score, ...(spans.length > 0 ? { spans } : {}), ...(triggered ? { reason: `score ${round(score)} ≥ threshold ${config.threshold}: ${labels(spans)}` } : {}) };
      };
    case "keywords": {
      const options = { ...(config.block ? { block: config.block } : {}), ...(config.allow ? { allow: config.allow } : {}), caseSensitive: config.case_sensitive };
      return ({ text }) => matchKeywords(text, options);
    }
    case "regex": {
      const compile = (field: "block" | "allow", patterns: readonly string[] | undefined) =>
        patterns?.map((pattern, i) => compileLocated(() => compileRegex(pattern, config.flags, { field: `${field}[${i}]`, guard: config.id })));
      const block = compile("block", config.block);
      const allow = compile("allow", config.allow);
      const options = { ...(block ? { block } : {}), ...(allow ? { allow } : {}) };
      return ({ text }) => matchPatterns(text, options);
    }
    case "length": {
      const options = { ...(config.min === undefined ? {} : { min: config.min }), ...(config.max === undefined ? {} : { max: config.max }) };
      return ({ text }) => checkLength(text, options);
    }
    case "url":
      return ({ text }) => checkUrls(text, { allow: config.allow });
    case "json-schema": {
      const { detect, file } = await jsonSchemaDetector(config, ctx.baseDir);
      if (file) ctx.files.add(file);
      return ({ text }) => detect(text);
    }
    case "custom": {
      const fn = await loadCustomGuard(config, ctx.baseDir);
      ctx.files.add(resolve(ctx.baseDir, config.module));
      return (input) => runCustomGuard(fn, input);
    }
    case "scope":
    case "groundedness": {
      const model = config.model ?? ctx.defaultModel;
      if (model === undefined) {
        throw new GuardProblem("model", `No model for this ${config.type} guard: set \`model:\` on it (e.g. openai:gpt-4.1-mini), or judge_model in the suite.`);
      }
      let provider: ChatProvider;
      try {
        parseModelId(model);
        provider = ctx.providerFor(model);
      } catch (error) {
        throw new GuardProblem("model", errorMessage(error), { cause: error });
      }
      if (model.startsWith("scripted:")) ctx.files.add(resolve(ctx.baseDir, model.slice("scripted:".length)));
      return modelGuardDetector(config, { model, provider, timeoutMs: ctx.timeoutMs, source: ctx.source, baseDir: ctx.baseDir });
    }
  }
}

/** A compile error of the checks' regex compiler (a ConfigError at a field) as a problem of this guard. */
function compileLocated<T>(compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    const issue = error instanceof ConfigError ? error.issues[0] : undefined;
    if (issue) throw new GuardProblem(issue.path, issue.message, { cause: error });
    throw error;
  }
}

function spansFound(spans: GuardSpan[]): GuardFinding {
  return spans.length === 0 ? { triggered: false } : { triggered: true, spans, reason: `found ${labels(spans)}` };
}

/** `EMAIL ×2, PHONE`: what was found, in order of first appearance. */
function labels(spans: readonly GuardSpan[]): string {
  const counts = new Map<string, number>();
  for (const span of spans) counts.set(span.label, (counts.get(span.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => (n === 1 ? label : `${label} ×${n}`)).join(", ");
}

function round(score: number): string {
  return String(Math.round(score * 100) / 100);
}
