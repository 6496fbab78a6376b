import { EvalgateError, type EvalgateErrorOptions } from "../errors.js";

/** One bad cell (or row, or file) of a label sheet, located as a spreadsheet shows it. */
export interface LabelIssue {
  file: string;
  /** 1-based spreadsheet row (the header is row 1); absent for whole-file problems. */
  row?: number;
  /** Column name as the sheet spells it, with its letter, e.g. `label (F)`. */
  column?: string;
  message: string;
}

/** A label sheet or label set is unusable. Lists every problem at once, so a whole sheet is fixed in one pass. */
export class LabelError extends EvalgateError {
  readonly issues: readonly LabelIssue[];

  constructor(issues: readonly LabelIssue[], options: EvalgateErrorOptions = {}) {
    const rows = issues.map((i) => `  ✖ ${i.file}${i.row === undefined ? "" : ` row ${i.row}`}${i.column ? `, column ${i.column}` : ""}: ${i.message}`);
    const noun = issues.length === 1 ? "problem" : "problems";
    super("LABELS_INVALID", `Labels have ${issues.length} ${noun}:\n${rows.join("\n")}`, options);
    this.issues = issues;
  }
}
