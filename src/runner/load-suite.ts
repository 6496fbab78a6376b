import { createChecks, type Check } from "../checks/index.js";
import { checkDatasetFilesExist, closestMatch, loadConfig, type ResolvedConfig } from "../config/index.js";
import { loadDataset, type Case, type LoadedDataset } from "../datasets/index.js";
import { ConfigError } from "../errors.js";
import { loadGuardrails, type LoadedGuardrails } from "../guardrails/index.js";
import { createJudgeRunner, loadJudges, type JudgeRunner } from "../judges/index.js";
import { createProvider, createResponseCache, defaultCacheDir, type ResponseCache } from "../providers/index.js";
import type { Redactor } from "../secrets/index.js";
import { createTarget, type Target } from "../targets/index.js";

/** Everything a run needs, loaded and validated before the first trial. */
export interface Suite {
  config: ResolvedConfig;
  dataset: LoadedDataset;
  cases: Case[];
  checks: Check[];
  target: Target;
  /** Absent when the suite lists no judges. */
  judges?: JudgeRunner;
  /** The on-disk response cache, when any part of the run uses it. */
  cache?: ResponseCache;
  /** The suite's `guardrails:` file, loaded: its stages run around every target call. */
  guardrails?: LoadedGuardrails;
}

export interface LoadSuiteOptions {
  /**
   * Serve model-backed targets from the response cache. Off by default: trials
   * exist to sample a stochastic model, so a cached answer would hide variance.
   * Each trial index keeps its own entry, so repeats never share an answer.
   */
  cacheTargets?: boolean;
  /** Trials in flight (the run's, after CLI overrides); default the suite's. */
  concurrency?: number;
  /** Judges read and write the response cache unless this is set (`--no-cache`). */
  noCache?: boolean;
  /** The run's redactor: fed every credential read; cache keys and entries pass through it. */
  secrets?: Redactor;
  /**
   * Cases that replace the suite's datasets (scored production traces, cases
   * given in code). The run then records no dataset files, as none were read.
   */
  dataset?: LoadedDataset;
  /** A target that replaces the suite's `target:` (e.g. one replaying recorded outputs). */
  target?: Target;
}

/**
 * Loads and validates a suite: config, datasets, checks, judges, target. Each step
 * throws an error listing all of its own problems (every bad dataset row, every
 * bad check), so `evalgate validate` shows a curator everything at once.
 */
export async function loadSuite(configFile: string, options: LoadSuiteOptions = {}): Promise<Suite> {
  return buildSuite(await loadConfig(configFile), options);
}

/** The same as loadSuite for a config resolved already, e.g. one given in code (`describeEval`). */
export async function buildSuite(config: ResolvedConfig, options: LoadSuiteOptions = {}): Promise<Suite> {
  const dataset = options.dataset ?? (await loadSuiteDataset(config));
  const checks = await createChecks(config.checks, { baseDir: config.configDir, configFile: config.configFile });
  const judgeFiles = await loadJudges(config.judges, { ...(config.judge_model ? { defaultModel: config.judge_model } : {}), cases: dataset.cases });
  assertUniqueScoreIds(checks, judgeFiles, config.configFile);
  // Model guards (scope, groundedness) are judges too: their verdicts are cached like the judges'.
  const usesCache = ((judgeFiles.length > 0 || config.guardrails !== undefined) && !options.noCache) || options.cacheTargets === true;
  const secrets = options.secrets ? { secrets: options.secrets } : {};
  const cache = usesCache ? createResponseCache({ dir: defaultCacheDir(config.configDir), ...(options.secrets ? { redactor: options.secrets } : {}) }) : undefined;
  const providers = { config: config.providers, baseDir: config.configDir, ...secrets };
  const guardrails =
    config.guardrails === undefined
      ? undefined
      : await loadGuardrails(config.guardrails, {
          ...(config.judge_model ? { defaultModel: config.judge_model } : {}),
          providers,
          ...(cache && !options.noCache ? { cache } : {}),
        });
  assertGuardrailChecks(config, guardrails);
  const judges =
    judgeFiles.length === 0
      ? undefined
      : createJudgeRunner(judgeFiles, {
          providerFor: (id, where) => createProvider(id, { ...providers, baseDir: where.baseDir ?? config.configDir }),
          ...(cache && !options.noCache ? { cache } : {}),
          timeoutMs: config.judge_timeout_ms,
        });
  const target =
    options.target ??
    (await createTarget(config.target, {
      providers,
      concurrency: options.concurrency ?? config.concurrency,
      ...secrets,
      ...(options.cacheTargets && cache ? { cache } : {}),
    }));
  return { config, dataset, cases: dataset.cases, checks, target, ...(judges ? { judges } : {}), ...(cache ? { cache } : {}), ...(guardrails ? { guardrails } : {}) };
}

async function loadSuiteDataset(config: ResolvedConfig): Promise<LoadedDataset> {
  await checkDatasetFilesExist(config);
  return loadDataset(config.datasets);
}

/** A guardrail check names a guard of the suite's guardrails file; a typo would otherwise fail every trial. */
function assertGuardrailChecks(config: ResolvedConfig, guardrails: LoadedGuardrails | undefined): void {
  const ids = guardrails ? [...guardrails.input, ...guardrails.output].map((g) => g.id) : [];
  const issues = config.checks.flatMap((check, index) => {
    if (check.type !== "guardrail" || ids.includes(check.guard)) return [];
    const path = `checks[${index}].guard`;
    if (!guardrails) return [{ path, message: `A guardrail check needs guardrails: set \`guardrails:\` in the suite to the guardrails file whose guard "${check.guard}" it checks.` }];
    const suggestion = closestMatch(check.guard, ids);
    const hint = suggestion !== undefined ? ` Did you mean "${suggestion}"?` : ` Its guards: ${ids.join(", ") || "none"}.`;
    return [{ path, message: `No guard "${check.guard}" in ${config.guardrails}.${hint}` }];
  });
  if (issues.length > 0) throw new ConfigError(config.configFile, issues);
}

/** Check and judge ids name summary rows and MLflow metrics (`<id>/mean`), so they must not collide. */
function assertUniqueScoreIds(checks: readonly Check[], judges: readonly { id: string }[], configFile: string): void {
  const checkIds = new Set(checks.map((c) => c.id));
  const issues = judges.flatMap((judge, index) =>
    checkIds.has(judge.id)
      ? [{ path: `judges[${index}]`, message: `Judge id "${judge.id}" is also the id of a check; ids name metrics, so rename one of them.` }]
      : [],
  );
  if (issues.length > 0) throw new ConfigError(configFile, issues);
}
