import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { DatasetError, type DatasetIssue } from "../../errors.js";
import { parseJsonlObjects } from "../../log/index.js";
import type { CsvColumns } from "./csv-record.js";
import { readCsv } from "./csv-rows.js";
import { decodeUtf8 } from "./decode.js";
import type { RawRow } from "./raw-row.js";

/** Rows read from one file, not yet validated, and every problem met reading it. */
export interface FileRows {
  /** Present when the file could be read. */
  sha256?: string;
  rows: RawRow[];
  issues: DatasetIssue[];
}

/** Problems that concern a whole file are reported on its first line. */
export function fileIssue(file: string, message: string): DatasetIssue {
  return { file, line: 1, field: "", message };
}

function failed(issues: DatasetIssue[]): FileRows {
  return { rows: [], issues };
}

/**
 * Reads one JSONL or CSV file (chosen by extension) as raw rows: strict UTF-8,
 * every unreadable line or record an issue located by 1-based line. `noun`
 * names what a row is in messages ("cases", "rows").
 */
export async function readFileRows(file: string, columns: CsvColumns, noun: string): Promise<FileRows> {
  const extension = extname(file).toLowerCase();
  const csv = extension === ".csv";
  if (!csv && extension !== ".jsonl" && extension !== ".ndjson") {
    return failed([fileIssue(file, `Unsupported dataset format "${extension || "(no extension)"}": use .jsonl (one JSON object per line) or .csv (with a header row)`)]);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "File not found: check the path" : `Could not read the file: ${(error as Error).message}`;
    return failed([fileIssue(file, reason)]);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let text: string;
  try {
    text = decodeUtf8(bytes, file);
  } catch (error) {
    if (error instanceof DatasetError) return failed([...error.issues]);
    throw error;
  }
  const read = csv ? readCsv(text, file, columns) : parseJsonlObjects(text, file);
  if (read.rows.length === 0 && read.issues.length === 0) {
    return failed([fileIssue(file, csv ? `No ${noun}: the file has no data rows below the header` : `No ${noun}: the file is empty`)]);
  }
  return { sha256, rows: read.rows, issues: read.issues };
}
