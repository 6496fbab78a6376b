import type { Case } from "../datasets/index.js";
import type { JudgeVerdict, RunManifest, Trace } from "../log/index.js";
import { withCache, type ChatProvider, type ResponseCache } from "../providers/index.js";
import { judgeAppliesTo, judgeTrialOf, type Judge } from "./judge.js";
import { runJudge } from "./run-judge.js";

export interface JudgeRunnerOptions {
  /**
   * Builds the provider for a model id. `baseDir` is set when the judge file
   * itself named the model: a `scripted:<file>` path is relative to it.
   * Otherwise relative paths are the suite's.
   */
  providerFor: (modelId: string, where: { baseDir?: string }) => ChatProvider;
  /** Answer identical judge requests from this cache; omit to disable (`--no-cache`). */
  cache?: ResponseCache;
  /** Time limit of one judge call (the suite's judge_timeout_ms); a verdict gets twice this. */
  timeoutMs?: number;
}

/** One finished trial, as the runner hands it over after its code checks. */
export interface JudgeRunRequest {
  testCase: Case;
  trial: number;
  output: unknown;
  trace?: Trace;
  signal?: AbortSignal;
}

export interface JudgeRunner {
  readonly judges: readonly Judge[];
  /** The `judges` entries of run.json: which judge versions scored this run. */
  manifestEntries(): RunManifest["judges"];
  /** Checks every judge model's credentials before the first trial. */
  prepare(): Promise<void>;
  /**
   * Every judge that applies to the case, concurrently. Judges whose
   * `applies_when` excludes the case are skipped and leave no verdict, so
   * their pass rates count only cases they are about. Never throws.
   */
  run(request: JudgeRunRequest): Promise<JudgeVerdict[]>;
}

export function createJudgeRunner(judges: readonly Judge[], options: JudgeRunnerOptions): JudgeRunner {
  const providers = new Map<string, ChatProvider>();
  const providerOf = (judge: Judge): ChatProvider => {
    const key = JSON.stringify([judge.model, judge.modelBaseDir ?? null]);
    let provider = providers.get(key);
    if (!provider) {
      const raw = options.providerFor(judge.model, judge.modelBaseDir === undefined ? {} : { baseDir: judge.modelBaseDir });
      provider = options.cache ? withCache(raw, options.cache) : raw;
      providers.set(key, provider);
    }
    return provider;
  };

  return {
    judges,
    manifestEntries: () => judges.map((judge) => ({ id: judge.id, version: judge.version, model: judge.model, failure_mode: judge.failureMode })),
    async prepare() {
      await Promise.all(judges.map((judge) => providerOf(judge).prepare?.()));
    },
    async run(request) {
      const applicable = judges.filter((judge) => judgeAppliesTo(judge, request.testCase.tags));
      const trial = judgeTrialOf(request.testCase, request.trial, request.output, request.trace);
      return Promise.all(
        applicable.map((judge) => runJudge(judge, trial, {
            provider: providerOf(judge),
            ...(request.signal ? { signal: request.signal } : {}),
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          }),),
      );
    },
  };
}
