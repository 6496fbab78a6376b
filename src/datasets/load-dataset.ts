import { DatasetError, type DatasetIssue } from "../errors.js";
import type { RunManifest } from "../log/index.js";
import { CaseSchema, type Case } from "./case-schema.js";
import { CASE_COLUMNS } from "./internal/csv-record.js";
import { fileIssue, readFileRows } from "./internal/read-file-rows.js";
import { createRowValidator, DuplicateIds, idSpacingWarnings, type FileIds, type IdLocation } from "./internal/validate-rows.js";

/** A dataset file as recorded in the run manifest: its content hash is recorded with every run. */
export type DatasetFileInfo = RunManifest["datasets"][number];

export interface LoadedDataset {
  /** Every case of every file, in file order then line order. */
  cases: Case[];
  files: DatasetFileInfo[];
  /** Problems that do not stop a run (ids with surrounding spaces), located like errors. */
  warnings: DatasetIssue[];
}

/**
 * Reads and validates one file, appending its cases to `cases` as they are
 * read. A file that turns out not to be UTF-8 takes its cases back out.
 */
async function loadFile(file: string, cases: Case[]): Promise<{ info?: DatasetFileInfo; ids: FileIds; issues: DatasetIssue[] }> {
  const before = cases.length;
  const validator = createRowValidator(file, CaseSchema, (value: Case) => {
    cases.push(value);
  });
  const read = await readFileRows(file, CASE_COLUMNS, "cases", (row) => validator.add(row));
  if (read.sha256 === undefined) {
    cases.length = before;
    return { ids: { ids: [], lines: [] }, issues: read.issues };
  }
  return { info: { file, sha256: read.sha256, cases: cases.length - before }, ids: validator.ids, issues: [...read.issues, ...validator.issues] };
}

/**
 * Reads and validates the dataset files of a suite (JSONL or CSV, chosen by
 * extension). Throws one DatasetError listing every bad row of every file,
 * with file, 1-based line and field. Files are read one after another and
 * JSONL row by row, so only the validated cases are held, never a file's
 * text or its raw rows.
 */
export async function loadDataset(files: readonly string[]): Promise<LoadedDataset> {
  // Read twice, every id would be reported as a duplicate of itself.
  const repeated = files.filter((file, index) => files.indexOf(file) !== index);
  if (repeated.length > 0) throw new DatasetError([...new Set(repeated)].map((file) => fileIssue(file, "This file is listed twice; list each dataset file once")));
  const cases: Case[] = [];
  const infos: DatasetFileInfo[] = [];
  const issues: DatasetIssue[] = [];
  const duplicates = new DuplicateIds();
  const spaced: IdLocation[] = [];
  for (const file of files) {
    const result = await loadFile(file, cases);
    if (result.info) infos.push(result.info);
    issues.push(...result.issues, ...duplicates.add(file, result.ids));
    result.ids.ids.forEach((id, index) => {
      if (id.trim() !== id) spaced.push({ id, file, line: result.ids.lines[index]! });
    });
  }
  const fileOrder = (issue: DatasetIssue) => files.indexOf(issue.file);
  // Stable: on one line, schema problems come before the duplicate id.
  issues.sort((a, b) => fileOrder(a) - fileOrder(b) || a.line - b.line);
  if (issues.length > 0) throw new DatasetError(issues);
  return { cases, files: infos, warnings: idSpacingWarnings(spaced, duplicates) };
}

/** `evalgate validate --dataset <file>`: one file on its own. Throws the DatasetError listing every bad row. */
export function validateDatasetFile(file: string): Promise<LoadedDataset> {
  return loadDataset([file]);
}
