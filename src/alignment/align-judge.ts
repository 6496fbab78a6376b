import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import pLimit from "p-limit";
import { loadConfig, type ResolvedConfig } from "../config/index.js";
import type { Case } from "../datasets/index.js";
import { EvalgateError } from "../errors.js";
import { createJudgeRunner, JudgeError, loadJudges, type Judge } from "../judges/index.js";
import type { JudgeVerdict } from "../log/index.js";
import { createProvider, createResponseCache, defaultCacheDir, type ProviderOptions } from "../providers/index.js";
import { agreementFigures, caseAgreementOf, confusionOf, type BinaryLabel } from "./agreement.js";
import { appendAlignHistory, readAlignHistory, recordTestViewing } from "./align-history.js";
import type { AlignResult, AlignSplit } from "./align-schema.js";
import { LabelError } from "./errors.js";
import type { LabelItem, LabelSet } from "./label-set-schema.js";
import { labelsDir, loadLabelSet } from "./label-store.js";
import { findLeaks } from "./leakage.js";

export interface AlignJudgeOptions {
  judgeFile: string;
  /** Label-set name (latest version) or name@version. */
  labels: string;
  /** Default: the nearest evalgate.yaml above the judge file. */
  suiteFile?: string;
  /** Default "dev": the test split is scored only when asked for, and each look is recorded. */
  split?: AlignSplit;
  /** Use the response cache (default true): unchanged items of an unchanged judge cost nothing. */
  cache?: boolean;
  /** Provider construction overrides (tests point these at a stand-in). */
  providerOptions?: ProviderOptions;
  now?: Date;
}

/**
 * Re-judges the labelled outputs with the judge file as it is now (the
 * target is not re-run) and measures agreement with the human labels. The
 * result is appended to labels/align-history.jsonl, the scoreboard across
 * prompt edits.
 */
export async function alignJudge(options: AlignJudgeOptions): Promise<AlignResult> {
  const judgeFile = resolve(options.judgeFile);
  const suiteFile = options.suiteFile ? resolve(options.suiteFile) : findSuite(dirname(judgeFile));
  const config = await loadConfig(suiteFile);
  const labels = labelsDir(config.configDir);
  const labelSet = await loadLabelSet(labels, options.labels);
  const [judge] = await loadJudges([judgeFile], config.judge_model ? { defaultModel: config.judge_model } : {});
  if (!judge) throw new EvalgateError("INTERNAL", `No judge loaded from ${judgeFile}.`);
  if (judge.id !== labelSet.judge) {
    throw new LabelError([{ file: labelSet.name, message: `Label set ${labelSet.name} labels judge "${labelSet.judge}", not "${judge.id}"; align ${labelSet.judge}'s file, or import labels for ${judge.id}.` }]);
  }
  refuseLeaks(judge, labelSet);

  const split = options.split ?? "dev";
  const items = labelSet.items.filter((item) => split === "all" || item.split === split);
  const at = (options.now ?? new Date()).toISOString();
  const testViewings = split === "test" ? await recordTestViewing(labels, { judge: judge.id, version: judge.version, label_set: labelSet.name, label_set_version: labelSet.hash, at }) : undefined;

  const verdicts = await judgeItems(judge, items, config, options);
  const scored = items.flatMap((item, index) => {
    const verdict = verdicts[index];
    return verdict && verdict.outcome !== "error" ? [{ item, verdict, case_id: item.case_id, human: item.label, judge: verdict.outcome as BinaryLabel }] : [];
  });
  const figures = agreementFigures(confusionOf(scored), 0.95, caseAgreementOf(scored));
  const verdictMap = Object.fromEntries(items.flatMap((item, index) => (verdicts[index] ? [[keyOf(item), verdicts[index].outcome]] : [])));
  const changedSince = await changesSincePrevious(labels, judge, labelSet, split, verdictMap);
  await appendAlignHistory(labels, { at, judge: judge.id, version: judge.version, label_set: labelSet.name, label_set_version: labelSet.hash, split, ...figures, verdicts: verdictMap });

  return {
    judge: judge.id,
    version: judge.version,
    label_set: labelSet.name,
    label_set_version: labelSet.hash,
    split,
    ...figures,
    disagreements: scored
      .filter((s) => s.human !== s.judge)
      .map((s) => ({ case_id: s.item.case_id, trial: s.item.trial, human: s.human, judge: s.judge, ...(s.item.notes ? { notes: s.item.notes } : {}), critique: s.verdict.critique })),
    unscored: items.flatMap((item, index) => (verdicts[index]?.outcome === "error" ? [{ case_id: item.case_id, trial: item.trial, critique: verdicts[index].critique }] : [])),
    skipped: verdicts.filter((v) => v === undefined).length,
    cached: verdicts.filter((v) => v?.cached === true).length,
    ...(testViewings === undefined ? {} : { test_viewings: testViewings }),
    ...(changedSince ? { changed_since: changedSince } : {}),
  };
}

function refuseLeaks(judge: Judge, labelSet: LabelSet): void {
  const leaks = findLeaks(judge.examples, labelSet.items);
  if (leaks.length === 0) return;
  throw new JudgeError(
    leaks.map((leak) => ({
      file: judge.file,
      message: `Few-shot example ${leak.example} is ${leak.case_id} trial ${leak.trial}, a ${leak.split} item of label set ${labelSet.name}: examples may come only from the train split, or the judge is scored on answers it was shown. Replace it with a train item.`,
    })),
  );
}

/** One verdict per item, undefined where applies_when leaves the case out. */
async function judgeItems(judge: Judge, items: readonly LabelItem[], config: ResolvedConfig, options: AlignJudgeOptions): Promise<(JudgeVerdict | undefined)[]> {
  const runner = createJudgeRunner([judge], {
    providerFor: (id, where) => createProvider(id, { config: config.providers, baseDir: where.baseDir ?? config.configDir, ...options.providerOptions }),
    ...(options.cache === false ? {} : { cache: createResponseCache({ dir: defaultCacheDir(config.configDir) }) }),
    timeoutMs: config.judge_timeout_ms,
  });
  await runner.prepare();
  const limit = pLimit(config.concurrency);
  return Promise.all(items.map((item) => limit(async () => (await runner.run({ testCase: caseOf(item), trial: item.trial, output: item.output, ...(item.trace ? { trace: item.trace } : {}) }))[0])));
}

function caseOf(item: LabelItem): Case {
  return {
    id: item.case_id,
    input: item.input as Case["input"],
    ...(item.expected === undefined ? {} : { expected: item.expected }),
    ...(item.context === undefined ? {} : { context: item.context as Case["context"] }),
    ...(item.tags === undefined ? {} : { tags: item.tags }),
  };
}

async function changesSincePrevious(labels: string, judge: Judge, labelSet: LabelSet, split: AlignSplit, verdicts: Record<string, string>): Promise<AlignResult["changed_since"]> {
  const previous = (await readAlignHistory(labels, judge.id)).filter((e) => e.label_set === labelSet.name && e.split === split && e.version !== judge.version).at(-1);
  if (!previous) return undefined;
  const items = Object.entries(verdicts).flatMap(([key, after]) => {
    const before = previous.verdicts[key];
    if (before === undefined || before === after) return [];
    const [caseId = "", trial = "0"] = key.split("#");
    return [{ case_id: caseId, trial: Number(trial), before, after }];
  });
  return { version: previous.version, items };
}

function keyOf(item: Pick<LabelItem, "case_id" | "trial">): string {
  return `${item.case_id}#${item.trial}`;
}

/** The nearest evalgate.yaml (or .yml) in the judge file's folder or above it. */
function findSuite(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const name of ["evalgate.yaml", "evalgate.yml"]) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) break;
  }
  throw new EvalgateError("CONFIG_INVALID", `No evalgate.yaml in ${start} or above it: pass --suite <evalgate.yaml> (its labels/ folder holds the label sets).`);
}
