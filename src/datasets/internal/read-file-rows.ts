import { createHash, type Hash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { extname } from "node:path";
import { DatasetError, type DatasetIssue } from "../../errors.js";
import { parseJsonlLine } from "../../log/index.js";
import type { CsvColumns } from "./csv-record.js";
import { readCsv } from "./csv-rows.js";
import { decodeUtf8, NOT_UTF8 } from "./decode.js";
import { LineSplitter, readChunks } from "./read-chunks.js";
import type { RawRow } from "./raw-row.js";

/** What reading one file found, beside the rows handed over one by one. */
export interface FileRead {
  /**
   * Present when the file could be read. When absent, rows already handed
   * over are void (a file with bytes that are not UTF-8 is reported by those
   * lines alone, and its rows are not used).
   */
  sha256?: string;
  issues: DatasetIssue[];
}

/** Problems that concern a whole file are reported on its first line. */
export function fileIssue(file: string, message: string): DatasetIssue {
  return { file, line: 1, field: "", message };
}

function failed(issues: DatasetIssue[]): FileRead {
  return { issues };
}

function readFailure(file: string, error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === "ENOENT" ? "File not found: check the path" : `Could not read the file: ${(error as Error).message}`;
  return failed([fileIssue(file, reason)]);
}

/**
 * JSON Lines are read, decoded and parsed a line at a time, so only the
 * current line and the rows the caller keeps are in memory.
 */
async function readJsonl(handle: FileHandle, hash: Hash, file: string, onRow: (row: RawRow) => void): Promise<{ rows: number; issues: DatasetIssue[]; notUtf8: DatasetIssue[] }> {
  const strict = new TextDecoder("utf-8", { fatal: true });
  // Only the file's own first bytes may be a BOM to drop, as when the whole file is decoded at once.
  const strictKeepingBom = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const issues: DatasetIssue[] = [];
  const notUtf8: DatasetIssue[] = [];
  let rows = 0;
  const lines = new LineSplitter((bytes, line) => {
    let text: string;
    try {
      text = (line === 1 ? strict : strictKeepingBom).decode(bytes);
    } catch {
      notUtf8.push({ file, line, field: "", message: NOT_UTF8 });
      return;
    }
    // After a line that is not UTF-8 the file is reported by those lines alone.
    if (notUtf8.length > 0) return;
    const parsed = parseJsonlLine(text.endsWith("\r") ? text.slice(0, -1) : text, line, file);
    if (parsed === undefined) return;
    if ("message" in parsed) issues.push(parsed);
    else {
      rows++;
      onRow(parsed);
    }
  });
  for await (const chunk of readChunks(handle)) {
    hash.update(chunk);
    lines.push(chunk);
  }
  lines.end();
  return { rows, issues, notUtf8 };
}

async function readWholeCsv(handle: FileHandle, hash: Hash, file: string, columns: CsvColumns, onRow: (row: RawRow) => void): Promise<{ rows: number; issues: DatasetIssue[]; notUtf8: DatasetIssue[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(handle)) {
    hash.update(chunk);
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = decodeUtf8(Buffer.concat(chunks), file);
  } catch (error) {
    if (error instanceof DatasetError) return { rows: 0, issues: [], notUtf8: [...error.issues] };
    throw error;
  }
  const read = readCsv(text, file, columns);
  for (const row of read.rows) onRow(row);
  return { rows: read.rows.length, issues: read.issues, notUtf8: [] };
}

/**
 * Reads one JSONL or CSV file (chosen by extension) and hands over its raw
 * rows one by one: strict UTF-8, every unreadable line or record an issue
 * located by 1-based line. `noun` names what a row is in messages ("cases",
 * "rows").
 */
export async function readFileRows(file: string, columns: CsvColumns, noun: string, onRow: (row: RawRow) => void): Promise<FileRead> {
  const extension = extname(file).toLowerCase();
  const csv = extension === ".csv";
  if (!csv && extension !== ".jsonl" && extension !== ".ndjson") {
    return failed([fileIssue(file, `Unsupported dataset format "${extension || "(no extension)"}": use .jsonl (one JSON object per line) or .csv (with a header row)`)]);
  }
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    return readFailure(file, error);
  }
  const hash = createHash("sha256");
  let read: { rows: number; issues: DatasetIssue[]; notUtf8: DatasetIssue[] };
  try {
    read = csv ? await readWholeCsv(handle, hash, file, columns, onRow) : await readJsonl(handle, hash, file, onRow);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).syscall === undefined) throw error;
    return readFailure(file, error);
  } finally {
    await handle.close();
  }
  if (read.notUtf8.length > 0) return failed(read.notUtf8);
  if (read.rows === 0 && read.issues.length === 0) {
    return failed([fileIssue(file, csv ? `No ${noun}: the file has no data rows below the header` : `No ${noun}: the file is empty`)]);
  }
  return { sha256: hash.digest("hex"), issues: read.issues };
}
