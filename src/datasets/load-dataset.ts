import { DatasetError, type DatasetIssue } from "../errors.js";
import type { RunManifest } from "../log/index.js";
import { CaseSchema, type Case } from "./case-schema.js";
import { CASE_COLUMNS } from "./internal/csv-record.js";
import { fileIssue, readFileRows } from "./internal/read-file-rows.js";
import { duplicateIdIssues, idSpacingWarnings, validateRows, type IdLocation } from "./internal/validate-rows.js";

/** A dataset file as recorded in the run manifest: its content hash is recorded with every run. */
export type DatasetFileInfo = RunManifest["datasets"][number];

export interface LoadedDataset {
  /** Every case of every file, in file order then line order. */
  cases: Case[];
  files: DatasetFileInfo[];
  /** Problems that do not stop a run (ids with surrounding spaces), located like errors. */
  warnings: DatasetIssue[];
}

interface FileResult {
  info?: DatasetFileInfo;
  cases: Case[];
  ids: IdLocation[];
  issues: DatasetIssue[];
}

async function loadFile(file: string): Promise<FileResult> {
  const read = await readFileRows(file, CASE_COLUMNS, "cases");
  if (read.sha256 === undefined || read.rows.length === 0) return { cases: [], ids: [], issues: read.issues };
  const validated = validateRows(read.rows, file, CaseSchema);
  const cases = validated.values.map((row) => row.value);
  return { info: { file, sha256: read.sha256, cases: cases.length }, cases, ids: validated.ids, issues: [...read.issues, ...validated.issues] };
}

/**
 * Reads and validates the dataset files of a suite (JSONL or CSV, chosen by
 * extension). Throws one DatasetError listing every bad row of every file,
 * with file, 1-based line and field.
 */
export async function loadDataset(files: readonly string[]): Promise<LoadedDataset> {
  // Read twice, every id would be reported as a duplicate of itself.
  const repeated = files.filter((file, index) => files.indexOf(file) !== index);
  if (repeated.length > 0) throw new DatasetError([...new Set(repeated)].map((file) => fileIssue(file, "This file is listed twice; list each dataset file once")));
  const results = await Promise.all(files.map(loadFile));
  const fileOrder = (issue: DatasetIssue) => files.indexOf(issue.file);
  const issues = [...results.flatMap((result) => result.issues), ...duplicateIdIssues(results.flatMap((result) => result.ids))].sort(
    (a, b) => fileOrder(a) - fileOrder(b) || a.line - b.line,
  );
  if (issues.length > 0) throw new DatasetError(issues);
  return {
    cases: results.flatMap((result) => result.cases),
    files: results.flatMap((result) => (result.info ? [result.info] : [])),
    warnings: idSpacingWarnings(results.flatMap((result) => result.ids)),
  };
}

/** `evalgate validate --dataset <file>`: one file on its own. Throws the DatasetError listing every bad row. */
export function validateDatasetFile(file: string): Promise<LoadedDataset> {
  return loadDataset([file]);
}
