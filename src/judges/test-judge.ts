import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { closestMatch, loadConfig, type ResolvedConfig } from "../config/index.js";
import { loadDataset, type Case } from "../datasets/index.js";
import { EvalgateError } from "../errors.js";
import { readRun, type ChatMessage, type JudgeVerdict, type TrialRecord } from "../log/index.js";
import { createProvider, createResponseCache, defaultCacheDir, withCache, type ChatProvider, type ProviderOptions } from "../providers/index.js";
import { judgeTrialOf, type Judge, type JudgeTrial } from "./judge.js";
import { loadJudges } from "./load-judges.js";
import { renderJudgeMessages } from "./render-prompt.js";
import { runJudge } from "./run-judge.js";

export interface TestJudgeOptions {
  judgeFile: string;
  caseId: string;
  /** The suite (evalgate.yaml): its dataset holds the case, its `judge_model` and `providers` apply. */
  suiteFile?: string;
  /** A recorded run directory: the output and trace come from its results.jsonl (and the suite from its run.json). */
  runDir?: string;
  /** Which recorded trial of the case to judge (default 0). */
  trial?: number;
  /** The response to judge, instead of a recorded one. */
  output?: string;
  /** Render the prompt only; no model call. */
  dryRun?: boolean;
  /** Use the suite's response cache (default true, like a run). */
  cache?: boolean;
  /** Provider construction overrides (tests point these at a stand-in). */
  providerOptions?: ProviderOptions;
}

export interface JudgeTestResult {
  judge: Pick<Judge, "id" | "version" | "model" | "failureMode" | "file">;
  caseId: string;
  trial: number;
  /** The exact messages the judge sends for this case. */
  messages: ChatMessage[];
  /** Absent on a dry run. */
  verdict?: JudgeVerdict;
}

/**
 * Renders the prompt a judge would send for one case, and unless `dryRun`
 * runs it once. What `evalgate judge test` calls: the way to iterate on a
 * judge's wording before spending a whole run on it.
 */
export async function testJudge(options: TestJudgeOptions): Promise<JudgeTestResult> {
  const run = options.runDir ? await readRun(resolve(options.runDir)) : undefined;
  const suiteFile = options.suiteFile ?? (run && existsSync(run.manifest.suite_file) ? run.manifest.suite_file : undefined);
  const config = suiteFile ? await loadConfig(resolve(suiteFile)) : undefined;
  const cases = config ? (await loadDataset(config.datasets)).cases : [];
  const trialIndex = options.trial ?? 0;
  const recorded = run?.trials.find((t) => t.case_id === options.caseId && t.trial === trialIndex);
  if (run && !recorded) {
    throw new EvalgateError("RUN_NOT_FOUND", `Run ${run.manifest.run_id} has no trial ${trialIndex} of case "${options.caseId}".${suggestion(options.caseId, run.trials.map((t) => t.case_id))}`);
  }
  const testCase = cases.find((c) => c.id === options.caseId) ?? (recorded ? caseOf(recorded) : undefined);
  if (!testCase) throw noSuchCase(options.caseId, cases, suiteFile);

  const [judge] = await loadJudges([options.judgeFile], {
    ...(config?.judge_model ? { defaultModel: config.judge_model } : {}),
    cases: [testCase],
  });
  if (!judge) throw new EvalgateError("INTERNAL", `No judge loaded from ${options.judgeFile}.`);
  const output = options.output ?? recorded?.output;
  const trial: JudgeTrial = judgeTrialOf(testCase, trialIndex, output, recorded?.trace);
  const { messages, missing } = renderJudgeMessages(judge, trial);
  if (missing.length > 0) {
    const fields = missing.map((path) => `{{${path}}}`).join(", ");
    throw new EvalgateError(
      "JUDGE_INVALID",
      `Judge ${judge.id} needs ${fields}, which case "${testCase.id}" alone cannot fill: judge a recorded trial with --run <run-id> (its output and retrieved context), or pass --output <text>.`,
    );
  }

  const result: JudgeTestResult = {
    judge: { id: judge.id, version: judge.version, model: judge.model, failureMode: judge.failureMode, file: judge.file },
    caseId: testCase.id,
    trial: trialIndex,
    messages,
  };
  if (options.dryRun) return result;
  const provider = providerFor(judge, config, options);
  await provider.prepare?.();
  return { ...result, verdict: await runJudge(judge, trial, { provider, ...(config ? { timeoutMs: config.judge_timeout_ms } : {}) }) };
}

function providerFor(judge: Judge, config: ResolvedConfig | undefined, options: TestJudgeOptions): ChatProvider {
  const baseDir = judge.modelBaseDir ?? config?.configDir ?? dirname(judge.file);
  const provider = createProvider(judge.model, { ...(config?.providers ? { config: config.providers } : {}), baseDir, ...options.providerOptions });
  if (options.cache === false || !config) return provider;
  return withCache(provider, createResponseCache({ dir: defaultCacheDir(config.configDir) }));
}

/** A case rebuilt from a recorded trial, for runs whose suite is not at hand (context then comes from the trace). */
function caseOf(trial: TrialRecord): Case {
  return {
    id: trial.case_id,
    input: trial.input as Case["input"],
    ...(trial.expected === undefined ? {} : { expected: trial.expected }),
    ...(trial.tags === undefined ? {} : { tags: trial.tags }),
  };
}

function noSuchCase(caseId: string, cases: readonly Case[], suiteFile: string | undefined): EvalgateError {
  if (!suiteFile) return new EvalgateError("CONFIG_INVALID", `No case "${caseId}": pass --suite <evalgate.yaml> (or --run <run-id>) so the case can be found.`);
  return new EvalgateError("DATASET_INVALID", `No case "${caseId}" in the datasets of ${suiteFile}.${suggestion(caseId, cases.map((c) => c.id))}`);
}

function suggestion(id: string, ids: readonly string[]): string {
  const match = closestMatch(id, [...new Set(ids)]);
  return match ? ` Did you mean "${match}"?` : "";
}
