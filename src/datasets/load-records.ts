import type { z } from "zod";
import { DatasetError } from "../errors.js";
import type { CsvColumns } from "./internal/csv-record.js";
import { readFileRows } from "./internal/read-file-rows.js";
import { createRowValidator, DuplicateIds } from "./internal/validate-rows.js";

/** One validated row and where it was written. */
export interface LocatedRecord<T> {
  file: string;
  /** 1-based; a multi-line CSV record's first line. */
  line: number;
  value: T;
}

export interface LoadRecordsOptions {
  /** CSV columns holding "|"-separated lists. */
  listColumns?: readonly string[];
  /** CSV columns whose cells may hold JSON objects or arrays. */
  jsonColumns?: readonly string[];
  /** What a row is, in messages ("No rows: the file is empty"). Default "rows". */
  noun?: string;
}

/**
 * Reads one JSONL or CSV file of rows that are not suite cases (e.g. labelled
 * guardrail rows) with the dataset conventions: strict UTF-8, dotted CSV
 * columns, ids unique, and one DatasetError naming file, line and field of
 * every bad row.
 */
export async function loadRecords<S extends z.ZodType>(file: string, schema: S, options: LoadRecordsOptions = {}): Promise<LocatedRecord<z.output<S>>[]> {
  const columns: CsvColumns = { lists: options.listColumns ?? [], json: options.jsonColumns ?? [] };
  const records: LocatedRecord<z.output<S>>[] = [];
  const validator = createRowValidator(file, schema, (value: z.output<S>, line) => {
    records.push({ file, line, value });
  });
  const read = await readFileRows(file, columns, options.noun ?? "rows", (row) => validator.add(row));
  const valid = read.sha256 !== undefined;
  const issues = valid ? [...read.issues, ...validator.issues, ...new DuplicateIds().add(file, validator.ids)] : read.issues;
  issues.sort((a, b) => a.line - b.line);
  if (issues.length > 0) throw new DatasetError(issues);
  return records;
}
