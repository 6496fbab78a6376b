import { resolve } from "node:path";
import { describeZodIssues, formatPath, locate } from "../config/index.js";
import { ConfigError, type Issue } from "../errors.js";
import { createProvider, withCache, type ChatProvider, type ProviderOptions, type ResponseCache } from "../providers/index.js";
import { GuardrailsConfigSchema, type GuardrailsConfig, type GuardrailsUserConfig } from "./config-schema.js";
import { buildGuard } from "./internal/build-guard.js";
import { GuardProblem } from "./internal/guard-problem.js";
import { stageRuleIssues } from "./internal/stage-rules.js";
import { runStage } from "./run-stage.js";
import type { Guard, Guardrails, GuardStage } from "./types.js";

export interface GuardrailsOptions {
  /**
   * Relative paths (json-schema files, custom modules, `scripted:` models)
   * start here. Default: the guardrails file's folder, or the working
   * directory for a config given as an object.
   */
  baseDir?: string;
  /** Model for scope and groundedness guards that name none (a suite's judge_model). */
  defaultModel?: string;
  /** How model guards reach their model: a suite's `providers:` block, credentials, the run's redactor. */
  providers?: ProviderOptions;
  /** Builds the provider for a model id instead (tests, or a caller that shares its own). */
  providerFor?: (modelId: string) => ChatProvider;
  /** Model guards answer identical requests from this cache (the judges' response cache). */
  cache?: ResponseCache;
}

/** A ready set of guardrails, with the files it was built from (a run hashes them for resume). */
export interface LoadedGuardrails extends Guardrails {
  /** Absolute paths: the guardrails file when loaded from one, schema files, custom modules, `scripted:` model files. */
  files: readonly string[];
}

/** Where a config came from, so problems can name the file and line. */
export interface ConfigSource {
  file?: string;
  lineOf?: (segments: readonly PropertyKey[]) => number | undefined;
}

const SUBJECT = { subject: "guardrails config" };

/**
 * Builds guardrails from a config object (the shape of a guardrails file).
 * Validates it like a file, then loads what the guards need (modules, schema
 * files, model providers); every problem is reported at once in a ConfigError.
 */
export async function createGuardrails(config: GuardrailsUserConfig, options: GuardrailsOptions = {}): Promise<LoadedGuardrails> {
  const parsed = GuardrailsConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = describeZodIssues(parsed.error.issues, GuardrailsConfigSchema, config).map(({ segments: _segments, ...issue }) => issue);
    throw new ConfigError(undefined, issues, SUBJECT);
  }
  return buildGuardrails(parsed.data, options, {});
}

/** Validated config → guardrails: the rules across guards, then each guard built. */
export async function buildGuardrails(config: GuardrailsConfig, options: GuardrailsOptions, source: ConfigSource): Promise<LoadedGuardrails> {
  const located = (segments: (string | number)[], message: string): Issue => locate({ path: formatPath(segments), message }, source.lineOf?.(segments));
  const rules = stageRuleIssues(config).map((issue) => located(issue.segments, issue.message));
  if (rules.length > 0) throw new ConfigError(source.file, sortByLine(rules), SUBJECT);

  const baseDir = resolve(options.baseDir ?? ".");
  const files = new Set<string>();
  const ctx = {
    baseDir,
    source: source.file ?? config.name,
    ...(options.defaultModel === undefined ? {} : { defaultModel: options.defaultModel }),
    providerFor: providerFactory(options, baseDir),
    files,
  };
  const issues: Issue[] = [];
  const build = (stage: GuardStage) =>
    Promise.all(
      config[stage].map(async (guardConfig, index) => {
        try {
          return await buildGuard(guardConfig, stage, ctx);
        } catch (error) {
          if (!(error instanceof GuardProblem)) throw error;
          issues.push(located([stage, index, ...error.field.split(/\.|\[(\d+)\]/).filter(Boolean).map(segment)], error.message));
          return undefined;
        }
      }),
    );
  const [input, output] = await Promise.all([build("input"), build("output")]);
  if (issues.length > 0) throw new ConfigError(source.file, sortByLine(issues), SUBJECT);
  return assemble(config, input as Guard[], output as Guard[], [...files]);
}

/** Guards plus the engine: what every caller (library, runner, proxy, guard eval) runs. */
function assemble(config: GuardrailsConfig, input: Guard[], output: Guard[], files: string[]): LoadedGuardrails {
  const stages = { input, output };
  return {
    name: config.name,
    fallback: config.fallback,
    input,
    output,
    files,
    runStage: (stage, text, options = {}) => runStage(stages[stage], stage, text, config.fallback, options),
  };
}

/** One provider per model id, behind the response cache when there is one. */
function providerFactory(options: GuardrailsOptions, baseDir: string): (modelId: string) => ChatProvider {
  const providers = new Map<string, ChatProvider>();
  return (modelId) => {
    let provider = providers.get(modelId);
    if (!provider) {
      const raw = options.providerFor ? options.providerFor(modelId) : createProvider(modelId, { ...options.providers, baseDir });
      provider = options.cache ? withCache(raw, options.cache) : raw;
      providers.set(modelId, provider);
    }
    return provider;
  };
}

/** `block[1]` → ["block", 1]: the segments of a field path, numbers for list indices. */
function segment(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}

function sortByLine(issues: Issue[]): Issue[] {
  return issues.sort((a, b) => ((a as { line?: number }).line ?? Infinity) - ((b as { line?: number }).line ?? Infinity));
}
