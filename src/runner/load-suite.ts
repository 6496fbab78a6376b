import { createChecks, type Check } from "../checks/index.js";
import { loadConfig, type ResolvedConfig } from "../config/index.js";
import { loadDataset, type Case, type LoadedDataset } from "../datasets/index.js";
import { createTarget, type Target } from "../targets/index.js";

/** Everything a run needs, loaded and validated before the first trial. */
export interface Suite {
  config: ResolvedConfig;
  dataset: LoadedDataset;
  cases: Case[];
  checks: Check[];
  target: Target;
}

/**
 * Loads and validates a suite: config, datasets, checks, target. Each step
 * throws an error listing all of its own problems (every bad dataset row, every
 * bad check), so `evalgate validate` shows a curator everything at once.
 */
export async function loadSuite(configFile: string): Promise<Suite> {
  const config = await loadConfig(configFile);
  const dataset = await loadDataset(config.datasets);
  const checks = await createChecks(config.checks, { baseDir: config.configDir, configFile: config.configFile });
  const providers = { config: config.providers, baseDir: config.configDir };
  const target = await createTarget(config.target, { providers });
  return { config, dataset, cases: dataset.cases, checks, target };
}
