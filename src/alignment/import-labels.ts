import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { loadConfig } from "../config/index.js";
import { loadDataset } from "../datasets/index.js";
import { readRun, runPaths, type TrialRecord } from "../log/index.js";
import { cohensKappa } from "../stats/index.js";
import type { BinaryLabel } from "./agreement.js";
import { LabelError, type LabelIssue } from "./errors.js";
import { readExportManifest } from "./export-manifest.js";
import { readSheet } from "./internal/sheet.js";
import { LABEL_SET_SCHEMA_VERSION, type AnnotatorAgreement, type LabelItem, type LabelSet, type Split } from "./label-set-schema.js";
import { labelSetHash, labelsDir, latestVersion, loadLabelSet, requireLabelSetName, saveLabelSet } from "./label-store.js";
import { parseLabelSheet, type LabelRow } from "./parse-label-sheet.js";
import { assignSplits } from "./splits.js";

export interface ImportLabelsOptions {
  /** The filled sheet (.csv or .xlsx). */
  file: string;
  /** Label-set name: versions accumulate under labels/<name>/. */
  as: string;
  /** The run the rows came from; default: the export's side file. */
  runId?: string;
  reportsDir?: string;
  /** The judge the labels are for; default: the export's side file. */
  judge?: string;
  /** The suite whose labels/ folder receives the set; default: the run's suite. */
  suiteFile?: string;
  /** Seed of the train/dev/test split (default 0). */
  splitSeed?: number;
  now?: Date;
}

export interface ImportLabelsResult {
  labelSet: LabelSet;
  /** False when the sheet gave exactly the latest version again. */
  saved: boolean;
  file: string;
  /** Rows left blank (or where two annotators disagree and no `label` settles it). */
  unlabelled: number;
}

/**
 * Imports a filled label sheet as a new version of a label set. The whole
 * sheet is checked before anything is written; every bad cell is reported
 * at once (LabelError), located by row and column.
 */
export async function importLabels(options: ImportLabelsOptions): Promise<ImportLabelsResult> {
  requireLabelSetName(options.as);
  const file = resolve(options.file);
  const sheet = await readSheet(file);
  const manifest = await readExportManifest(file);
  const { rows, issues } = parseLabelSheet(sheet, file);

  const judge = options.judge ?? manifest?.judge;
  const runDir = options.runId ? runPaths(resolve(options.reportsDir ?? "reports"), options.runId).dir : manifest?.run_dir;
  if (!judge || !runDir) {
    throw new LabelError([{ file, message: "Cannot tell which run and judge these labels belong to (no export side file next to the sheet): pass --run <run-id> and --judge <id>." }]);
  }
  const run = await readRun(runDir);
  const trials = new Map(run.trials.map((trial) => [`${trial.case_id}#${trial.trial}`, trial]));
  for (const row of rows) {
    if (row.case_id && Number.isInteger(row.trial) && !trials.has(`${row.case_id}#${row.trial}`)) {
      issues.push({ file, row: row.row, message: `Run ${run.manifest.run_id} has no trial ${row.trial} of case "${row.case_id}"; was the row edited, or is this sheet from another run?` });
    }
  }
  if (issues.length > 0) throw new LabelError(sortIssues(issues));

  const suiteFile = options.suiteFile ? resolve(options.suiteFile) : (manifest?.suite_file ?? run.manifest.suite_file);
  const dir = labelsDir(dirname(suiteFile));
  const caseContext = await caseContexts(suiteFile);
  const annotators = annotatorAgreement(rows);
  const labelled = rows.flatMap((row) => {
    const label = finalLabel(row);
    return label ? [{ row, label }] : [];
  });

  const previousHash = await latestVersion(dir, options.as);
  const previous = previousHash ? await loadLabelSet(dir, `${options.as}@${previousHash}`) : undefined;
  const seed = options.splitSeed ?? previous?.split_seed ?? 0;
  const previousSplits = new Map<string, Split>(previous?.items.map((item) => [item.case_id, item.split]) ?? []);
  const splits = assignSplits(labelled.map(({ row, label }) => ({ case_id: row.case_id, trial: row.trial, label })), seed, previousSplits);
  const items = labelled.map(({ row, label }) => itemOf(row, label, trials.get(`${row.case_id}#${row.trial}`)!, splits.get(row.case_id)!, caseContext.get(row.case_id)));

  const content = { judge, run_id: run.manifest.run_id, items };
  const labelSet: LabelSet = {
    schema_version: LABEL_SET_SCHEMA_VERSION,
    name: options.as,
    hash: labelSetHash(content),
    previous: previousHash ?? null,
    created_at: (options.now ?? new Date()).toISOString(),
    ...content,
    source: { file, sha256: createHash("sha256").update(await readFile(file)).digest("hex") },
    split_seed: seed,
    ...(annotators ? { annotators } : {}),
  };
  const saved = await saveLabelSet(dir, labelSet);
  return { labelSet, saved: saved.saved, file: saved.file, unlabelled: rows.length - items.length };
}

/** An explicit `label` settles it; otherwise two annotators must agree (one alone is used as is). */
function finalLabel(row: LabelRow): BinaryLabel | null {
  if (row.label) return row.label;
  const a = row.label_a ?? null;
  const b = row.label_b ?? null;
  if (a && b) return a === b ? a : null;
  return a ?? b;
}

function annotatorAgreement(rows: readonly LabelRow[]): AnnotatorAgreement | undefined {
  if (!rows.some((row) => row.label_a !== undefined) || !rows.some((row) => row.label_b !== undefined)) return undefined;
  const both = rows.filter((row) => row.label_a && row.label_b);
  const count = (a: BinaryLabel, b: BinaryLabel) => both.filter((row) => row.label_a === a && row.label_b === b).length;
  return {
    n: both.length,
    kappa: cohensKappa({ bothYes: count("pass", "pass"), yesNo: count("pass", "fail"), noYes: count("fail", "pass"), bothNo: count("fail", "fail") }),
    disagreements: both.filter((row) => row.label_a !== row.label_b).map((row) => ({ case_id: row.case_id, trial: row.trial, label_a: row.label_a!, label_b: row.label_b! })),
  };
}

function itemOf(row: LabelRow, label: BinaryLabel, trial: TrialRecord, split: Split, context: unknown): LabelItem {
  return {
    case_id: row.case_id,
    trial: row.trial,
    label,
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

function sortIssues(issues: LabelIssue[]): LabelIssue[] {
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
