import type { DatasetIssue } from "../../errors.js";

/** One record read from a dataset file, not yet validated. `line` is 1-based (the first line of a multi-line record). */
export interface RawRow {
  line: number;
  value: unknown;
}

/** What a format reader returns: every record it could read and every problem it met, so all are reported together. */
export interface ReadResult {
  rows: RawRow[];
  issues: DatasetIssue[];
}
