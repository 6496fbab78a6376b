import { parse, type CsvError } from "csv-parse/sync";
import type { DatasetIssue } from "../../errors.js";
import { CASE_COLUMNS, checkHeader, recordToObject, type CsvColumns } from "./csv-record.js";
import type { RawRow, ReadResult } from "./raw-row.js";

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Quoting mistakes explained in terms of what to change in the file. */
const CSV_ERROR_HINTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'A quoted field starts on this line and is never closed; close it with ", and write a quote inside a quoted field as ""',
  INVALID_OPENING_QUOTE: 'A quote appears inside an unquoted field; wrap the whole field in quotes and double the inner quote ("say ""hi""")',
  CSV_INVALID_CLOSING_QUOTE: 'Text follows a closing quote; write a quote inside a quoted field as ""',
};

/**
 * csv-parse reports the line where a record ends (or where parsing failed);
 * users look for the line where it starts. Leading blank lines skipped before
 * the record are part of `raw` and do not count.
 */
function firstLine(lastLine: number, raw: string | undefined): number {
  const body = (raw ?? "").replace(/^(?:\r?\n)+/, "").replace(/\r?\n$/, "");
  return lastLine - (body.match(/\n/g)?.length ?? 0);
}

function csvErrorIssue(error: CsvError, raw: string | undefined, file: string): DatasetIssue {
  const lastLine = typeof error.lines === "number" ? error.lines : 1;
  return { file, line: firstLine(lastLine, raw), field: "", message: CSV_ERROR_HINTS[error.code] ?? error.message };
}

/** A header row, then one case per record. Column-count and quoting problems are collected per record, not thrown. */
export function readCsv(text: string, file: string, columns: CsvColumns = CASE_COLUMNS): ReadResult {
  const issues: DatasetIssue[] = [];
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // After a quoting error csv-parse resynchronises and may report the same line again; one report per line is enough.
      on_skip: (error, raw) => {
        const issue = error && csvErrorIssue(error, raw, file);
        if (issue && !issues.some((seen) => seen.line === issue.line)) issues.push(issue);
        return undefined;
      },
    }) as unknown as ParsedRecord[];
  } catch (error) {
    return { rows: [], issues: [...issues, csvErrorIssue(error as CsvError, undefined, file)] };
  }

  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return { rows: [], issues };
  const header = headerRecord.record;
  const headerLine = firstLine(headerRecord.info.lines, headerRecord.raw);
  const headerIssues = checkHeader(header, file, headerLine);
  if (headerIssues.length > 0) return { rows: [], issues: [...issues, ...headerIssues] };

  const rows: RawRow[] = [];
  for (const { record, raw, info } of dataRecords) {
    const line = firstLine(info.lines, raw);
    if (record.length !== header.length) {
      issues.push({ file, line, field: "", message: `Expected ${header.length} columns as in the header (line ${headerLine}), found ${record.length}` });
      continue;
    }
    const converted = recordToObject(header, record, file, line, columns);
    issues.push(...converted.issues);
    if (converted.issues.length === 0) rows.push({ line, value: converted.value });
  }
  return { rows, issues };
}
