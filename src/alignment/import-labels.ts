import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { readRun, runPaths } from "../log/index.js";
import { cohensKappa } from "../stats/index.js";
import type { BinaryLabel } from "./agreement.js";
import { LabelError, type LabelIssue } from "./errors.js";
import { readExportManifest } from "./export-manifest.js";
import { importLabelRows } from "./import-label-rows.js";
import { readSheet } from "./internal/sheet.js";
import type { AnnotatorAgreement, LabelSet } from "./label-set-schema.js";
import { requireLabelSetName } from "./label-store.js";
import { parseLabelSheet, type LabelRow } from "./parse-label-sheet.js";

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
  /** The run directory the labelled trials came from. */
  runDir: string;
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

  const labelled = rows.flatMap((row) => {
    const label = finalLabel(row);
    return label ? [{ case_id: row.case_id, trial: row.trial, label, ...(row.notes ? { notes: row.notes } : {}) }] : [];
  });
  const annotators = annotatorAgreement(rows);
  const imported = await importLabelRows({
    run,
    rows: labelled,
    as: options.as,
    judge,
    suiteFile: options.suiteFile ? resolve(options.suiteFile) : (manifest?.suite_file ?? run.manifest.suite_file),
    source: { file, sha256: createHash("sha256").update(await readFile(file)).digest("hex") },
    ...(options.splitSeed === undefined ? {} : { splitSeed: options.splitSeed }),
    ...(options.now ? { now: options.now } : {}),
    ...(annotators ? { annotators } : {}),
  });
  return { ...imported, runDir, unlabelled: rows.length - labelled.length };
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

function sortIssues(issues: LabelIssue[]): LabelIssue[] {
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
