import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { DatasetError, type DatasetIssue } from "../errors.js";
import type { RunManifest } from "../log/index.js";
import type { Case } from "./case-schema.js";
import { readCsv } from "./internal/csv-rows.js";
import { decodeUtf8 } from "./internal/decode.js";
import type { ReadResult } from "./internal/raw-row.js";
import { duplicateIdIssues, idSpacingWarnings, validateRows, type IdLocation } from "./internal/validate-rows.js";
import { parseJsonlObjects } from "../log/index.js";

/** A dataset file as recorded in the run manifest: its content hash is recorded with every run. */
export type DatasetFileInfo = RunManifest["datasets"][number];

export interface LoadedDataset {
  /** Every case of every file, in file order then line order. */
  cases: Case[];
  files: DatasetFileInfo[];
  /** Problems that do not stop a run (ids with surrounding spaces), located like errors. */
  warnings: DatasetIssue[];
}

const READERS: Record<string, (text: string, file: string) => ReadResult> = {
  ".jsonl": parseJsonlObjects,
  ".ndjson": parseJsonlObjects,
  ".csv": readCsv,
};

/** Problems that concern a whole file are reported on its first line. */
function fileIssue(file: string, message: string): DatasetIssue {
  return { file, line: 1, field: "", message };
}

interface FileResult {
  info?: DatasetFileInfo;
  cases: Case[];
  ids: IdLocation[];
  issues: DatasetIssue[];
}

function failedFile(issues: DatasetIssue[]): FileResult {
  return { cases: [], ids: [], issues };
}

async function loadFile(file: string): Promise<FileResult> {
  const extension = extname(file).toLowerCase();
  const reader = READERS[extension];
  if (!reader) {
    return failedFile([fileIssue(file, `Unsupported dataset format "${extension || "(no extension)"}": use .jsonl (one JSON object per line) or .csv (with a header row)`)]);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "File not found: check the path" : `Could not read the file: ${(error as Error).message}`;
    return failedFile([fileIssue(file, reason)]);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let text: string;
  try {
    text = decodeUtf8(bytes, file);
  } catch (error) {
    if (error instanceof DatasetError) return failedFile([...error.issues]);
    throw error;
  }
  const read = reader(text, file);
  if (read.rows.length === 0 && read.issues.length === 0) {
    return failedFile([fileIssue(file, extension === ".csv" ? "No cases: the file has no data rows below the header" : "No cases: the file is empty")]);
  }
  const validated = validateRows(read.rows, file);
  return { info: { file, sha256, cases: validated.cases.length }, cases: validated.cases, ids: validated.ids, issues: [...read.issues, ...validated.issues] };
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
