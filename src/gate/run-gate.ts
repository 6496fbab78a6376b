import { access } from "node:fs/promises";
import { loadConfig, type GateConfigInput, type ResolvedConfig } from "../config/index.js";
import { EvalgateError } from "../errors.js";
import { compareRuns, type GateRun } from "./compare-runs.js";
import type { GateResult } from "./gate-result-schema.js";
import { resolveRun, type ResolveRunOptions } from "./resolve-run.js";

export interface GateOptions extends Omit<ResolveRunOptions, "defaultExperiment"> {
  /** The run the candidate is compared with; default: the suite's gate.baseline. */
  baseline?: string;
  candidate: string;
  /**
   * The suite file whose `gate:` block (rules) and `tracking:` block (where
   * mlflow: refs are looked up) apply. Default: the suite the candidate was
   * run from, when that file still exists.
   */
  suite?: string;
  /** Replaces the suite's gate block. */
  gate?: GateConfigInput;
}

export interface GateOutcome {
  result: GateResult;
  baseline: GateRun;
  candidate: GateRun;
}

/**
 * `evalgate gate` as a library call: loads both runs (local or MLflow), takes
 * the rules from the suite, and compares them. The decision itself is the
 * pure compareRuns; this only gathers its inputs.
 */
export async function runGate(options: GateOptions): Promise<GateOutcome> {
  const env = options.env ?? process.env;
  const explicitSuite = options.suite === undefined ? undefined : await loadConfig(options.suite);
  // The candidate is local or names its MLflow run; only the suite's tracking block could change where that is.
  const resolveWith = (suite: ResolvedConfig | undefined): ResolveRunOptions => {
    const suiteUri = suite?.tracking?.mlflow?.tracking_uri;
    const useSuiteUri = options.trackingUri === undefined && !env.MLFLOW_TRACKING_URI && suiteUri !== undefined;
    const experiment = suite?.tracking?.mlflow?.experiment ?? suite?.name;
    return { ...options, env, ...(useSuiteUri ? { trackingUri: suiteUri } : {}), ...(experiment ? { defaultExperiment: experiment } : {}) };
  };
  const candidate = await resolveRun(options.candidate, resolveWith(explicitSuite));
  const suite = explicitSuite ?? (await loadSuiteIfPresent(candidate.run.manifest.suite_file));
  const baselineRef = options.baseline ?? suite?.gate?.baseline;
  if (!baselineRef) {
    throw new EvalgateError("CONFIG_INVALID", "No baseline to compare with: pass --baseline <run-id | run-dir | mlflow:…>, or set gate.baseline in the suite.");
  }
  const baseline = await resolveRun(baselineRef, resolveWith(suite));
  const result = compareRuns(baseline, candidate, options.gate ?? suite?.gate ?? {});
  return { result, baseline, candidate };
}

async function loadSuiteIfPresent(file: string): Promise<ResolvedConfig | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  return loadConfig(file);
}
