import type { TargetConfig } from "../config/targets-schema.js";
import type { ProviderOptions, ResponseCache } from "../providers/index.js";
import type { SecretSink } from "../secrets/index.js";
import { createDatabricksServingTarget } from "./databricks-serving/index.js";
import { createHttpTarget } from "./http-target.js";
import { createModuleTarget } from "./module-target.js";
import { createPromptTarget } from "./prompt-target.js";
import { createScriptedTarget } from "./scripted-target.js";
import type { Target } from "./types.js";

export type { Target, TargetContext, TargetFunction, TargetInfo, TargetResult } from "./types.js";
export type { ServingInfo } from "./databricks-serving/index.js";
export { checkTargetResult } from "./module-target.js";
export { createPromptTarget, type PromptTargetDeps } from "./prompt-target.js";
export { createHttpTarget, type HttpTargetDeps } from "./http-target.js";
export {
  createDatabricksServingTarget,
  evidenceFromMlflowTrace,
  mapServingResponse,
  readServingRequest,
  type DatabricksServingDeps,
  type ReadRequest,
} from "./databricks-serving/index.js";
export { toContextDocs } from "./internal/trace-fields.js";

export interface CreateTargetOptions {
  /** For model-backed targets (`prompt`) and `databricks-serving`: the suite's `providers:` block and directory. */
  providers?: ProviderOptions;
  /** Response cache for model-backed targets; absent unless the user asks for target caching. */
  cache?: ResponseCache;
  /** Trials in flight at once; an `http` target lets its host take that many calls. */
  concurrency?: number;
  /** The run's redactor, fed every credential and `${VAR}` value the target resolves. */
  secrets?: SecretSink;
}

/** Builds the pipeline under test from its (resolved, absolute-path) config. */
export async function createTarget(config: TargetConfig, options: CreateTargetOptions = {}): Promise<Target> {
  const providers = options.secrets ? { ...options.providers, secrets: options.secrets } : options.providers;
  switch (config.type) {
    case "module":
      return createModuleTarget(config.path, config.export);
    case "scripted":
      return createScriptedTarget(config.path);
    case "prompt":
      return createPromptTarget(config, {
        ...(providers ? { providerOptions: providers } : {}),
        ...(options.cache ? { cache: options.cache } : {}),
      });
    case "http":
      return createHttpTarget(config, {
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.secrets ? { secrets: options.secrets } : {}),
      });
    case "databricks-serving":
      return createDatabricksServingTarget(config, providers ? { providerOptions: providers } : {});
  }
}
