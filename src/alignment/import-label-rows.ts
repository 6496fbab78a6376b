import { dirname } from "node:path";
import { loadConfig } from "../config/index.js";
import { loadDataset } from "../datasets/index.js";
import type { RunData, TrialRecord } from "../log/index.js";
import type { BinaryLabel } from "./agreement.js";
import { LabelError } from "./errors.js";
import { LABEL_SET_SCHEMA_VERSION, type AnnotatorAgreement, type LabelItem, type LabelSet, type Split } from "./label-set-schema.js";
import { labelSetHash, labelsDir, latestVersion, loadLabelSet, requireLabelSetName, saveLabelSet } from "./label-store.js";
import { assignSplits } from "./splits.js";

/** One labelled trial, wherever the label came from (a sheet, MLflow). */
export interface LabelRowInput {
  case_id: string;
  trial: number;
  label: BinaryLabel;
  notes?: string;
}

export interface ImportLabelRowsOptions {
  /** The run the labelled trials belong to. */
  run: RunData;
  rows: readonly LabelRowInput[];
  /** Label-set name: versions accumulate under labels/<name>/. */
  as: string;
  judge: string;
  /** Its labels/ folder receives the set. */
  suiteFile: string;
  /** Where the labels came from: a sheet's path, or mlflow:<run-id>, with the sha256 of its content. */
  source: { file: string; sha256: string };
  /** Seed of the train/dev/test split (default: the previous version's, else 0). */
  splitSeed?: number;
  annotators?: AnnotatorAgreement;
  now?: Date;
}

export interface ImportLabelRowsResult {
  labelSet: LabelSet;
  /** False when the rows gave exactly the latest version again. */
  saved: boolean;
  file: string;
}

/**
 * Stores labelled trials of a run as a new version of a label set: each item
 * with a copy of its trial (so align needs neither the run dir nor the
 * target) and its split, which never changes once a case has one.
 */
export async function importLabelRows(options: ImportLabelRowsOptions): Promise<ImportLabelRowsResult> {
  requireLabelSetName(options.as);
  const { run } = options;
  const trials = new Map(run.trials.map((trial) => [`${trial.case_id}#${trial.trial}`, trial]));
  const unknown = options.rows.filter((row) => !trials.has(`${row.case_id}#${row.trial}`));
  if (unknown.length > 0) {
    throw new LabelError(unknown.map((row) => ({ file: options.source.file, message: `Run ${run.manifest.run_id} has no trial ${row.trial} of case "${row.case_id}".` })));
  }
  const dir = labelsDir(dirname(options.suiteFile));
  const caseContext = await caseContexts(options.suiteFile);
  const previousHash = await latestVersion(dir, options.as);
  const previous = previousHash ? await loadLabelSet(dir, `${options.as}@${previousHash}`) : undefined;
  const seed = options.splitSeed ?? previous?.split_seed ?? 0;
  const previousSplits = new Map<string, Split>(previous?.items.map((item) => [item.case_id, item.split]) ?? []);
  const splits = assignSplits(options.rows, seed, previousSplits);
  const items = options.rows.map((row) => itemOf(row, trials.get(`${row.case_id}#${row.trial}`)!, splits.get(row.case_id)!, caseContext.get(row.case_id)));

  const content = { judge: options.judge, run_id: run.manifest.run_id, items };
  const labelSet: LabelSet = {
    schema_version: LABEL_SET_SCHEMA_VERSION,
    name: options.as,
    hash: labelSetHash(content),
    previous: previousHash ?? null,
    created_at: (options.now ?? new Date()).toISOString(),
    ...content,
    source: options.source,
    split_seed: seed,
    ...(options.annotators ? { annotators: options.annotators } : {}),
  };
  const saved = await saveLabelSet(dir, labelSet);
  return { labelSet, saved: saved.saved, file: saved.file };
}

function itemOf(row: LabelRowInput, trial: TrialRecord, split: Split, context: unknown): LabelItem {
  return {
    case_id: row.case_id,
    trial: row.trial,
    label: row.label,
    ...(row.notes ? { notes: row.notes } : {}),
    split,
    input: trial.input,
    ...(trial.expected === undefined ? {} : { expected: trial.expected }),
    ...(context === undefined ? {} : { context }),
    ...(trial.tags === undefined ? {} : { tags: trial.tags }),
    output: trial.output ?? null,
    ...(trial.trace === undefined ? {} : { trace: trial.trace }),
  };
}

/** The cases' own context, which results.jsonl does not repeat; judges show it in {{context}}. Absent when the suite is gone. */
async function caseContexts(suiteFile: string): Promise<Map<string, unknown>> {
  try {
    const { cases } = await loadDataset((await loadConfig(suiteFile)).datasets);
    return new Map(cases.filter((c) => c.context !== undefined).map((c) => [c.id, c.context]));
  } catch {
    return new Map();
  }
}
