import { createChecks, type Check } from "../checks/index.js";
import { loadConfig, type ResolvedConfig } from "../config/index.js";
import { loadDataset, type Case, type LoadedDataset } from "../datasets/index.js";
import { createResponseCache, defaultCacheDir, type ResponseCache } from "../providers/index.js";
import { createTarget, type Target } from "../targets/index.js";

/** Everything a run needs, loaded and validated before the first trial. */
export interface Suite {
  config: ResolvedConfig;
  dataset: LoadedDataset;
  cases: Case[];
  checks: Check[];
  target: Target;
  /** The on-disk response cache, when any part of the run uses it. */
  cache?: ResponseCache;
}

export interface LoadSuiteOptions {
  /**
   * Serve model-backed targets from the response cache. Off by default: trials
   * exist to sample a stochastic model, so a cached answer would hide variance.
   * Each trial index keeps its own entry, so repeats never share an answer.
   */
  cacheTargets?: boolean;
}

/**
 * Loads and validates a suite: config, datasets, checks, target. Each step
 * throws an error listing all of its own problems (every bad dataset row, every
 * bad check), so `evalgate validate` shows a curator everything at once.
 */
export async function loadSuite(configFile: string, options: LoadSuiteOptions = {}): Promise<Suite> {
  const config = await loadConfig(configFile);
  const dataset = await loadDataset(config.datasets);
  const checks = await createChecks(config.checks, { baseDir: config.configDir, configFile: config.configFile });
  const cache = options.cacheTargets ? createResponseCache({ dir: defaultCacheDir(config.configDir) }) : undefined;
  const providers = { config: config.providers, baseDir: config.configDir };
  const target = await createTarget(config.target, { providers, ...(options.cacheTargets && cache ? { cache } : {}) });
  return { config, dataset, cases: dataset.cases, checks, target, ...(cache ? { cache } : {}) };
}
