import { DatasetError, type DatasetIssue } from "../../errors.js";

const NEWLINE = 0x0a;

/**
 * Lines (1-based) holding bytes that are not UTF-8. A newline byte never
 * occurs inside a multi-byte UTF-8 sequence, so decoding line by line finds
 * exactly the offending lines.
 */
function invalidLines(bytes: Uint8Array): number[] {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lines: number[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== NEWLINE) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      lines.push(line);
    }
    start = i + 1;
    line++;
  }
  return lines;
}

export const NOT_UTF8 = 'Not valid UTF-8: save the file as UTF-8 (e.g. re-export it from your spreadsheet as "CSV UTF-8")';

/** Strict UTF-8 decoding (a leading BOM is dropped); throws a DatasetError naming each line with bad bytes. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const issues = invalidLines(bytes).map(
      (line): DatasetIssue => ({ file, line, field: "", message: NOT_UTF8 }),
    );
    throw new DatasetError(issues);
  }
}
