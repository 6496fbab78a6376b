import type { BinaryLabel } from "./agreement.js";
import type { LabelIssue } from "./errors.js";
import type { Sheet } from "./internal/sheet.js";
import { ACCEPTED_SPELLINGS, parseLabel, type CellValue } from "./label-spelling.js";

/** One data row of a filled label sheet. */
export interface LabelRow {
  row: number;
  case_id: string;
  trial: number;
  label: BinaryLabel | null;
  notes?: string;
  label_a?: BinaryLabel | null;
  label_b?: BinaryLabel | null;
}

const LABEL_COLUMNS = ["label", "label_a", "label_b"] as const;

/**
 * Reads the rows of a filled sheet. Column names match case-insensitively and
 * extra columns are ignored (people add their own). Every bad cell is listed,
 * by spreadsheet row and column, rather than stopping at the first.
 */
export function parseLabelSheet(sheet: Sheet, file: string): { rows: LabelRow[]; issues: LabelIssue[] } {
  const index = new Map<string, number>();
  sheet.header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = ["case_id", "trial"].filter((name) => !index.has(name));
  if (!LABEL_COLUMNS.some((name) => index.has(name))) missing.push("label (or label_a and label_b)");
  if (missing.length > 0) {
    return { rows: [], issues: [{ file, row: 1, message: `Missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; the header has ${sheet.header.join(", ") || "nothing"}.` }] };
  }

  const issues: LabelIssue[] = [];
  const rows: LabelRow[] = [];
  const seen = new Map<string, number>();
  sheet.rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (name: string): CellValue => {
      const at = index.get(name);
      return at === undefined ? null : (cells[at] ?? null);
    };
    const where = (name: string) => `${sheet.header[index.get(name)!]?.trim()} (${columnLetter(index.get(name)!)})`;
    if (cells.every((value) => value === null || String(value).trim() === "")) return;

    const caseId = String(cell("case_id") ?? "").trim();
    if (caseId === "") issues.push({ file, row, column: where("case_id"), message: "Empty case_id; every labelled row needs the case_id the export wrote." });
    const trialCell = cell("trial");
    const trial = Number(typeof trialCell === "string" ? trialCell.trim() : trialCell);
    if (trialCell === null || String(trialCell).trim() === "" || !Number.isInteger(trial) || trial < 0) {
      issues.push({ file, row, column: where("trial"), message: `Expected a trial index (0, 1, 2, …), received ${JSON.stringify(trialCell)}.` });
    }
    const labels: Partial<Record<(typeof LABEL_COLUMNS)[number], BinaryLabel | null>> = {};
    for (const name of LABEL_COLUMNS) {
      if (!index.has(name)) continue;
      const value = cell(name);
      const label = parseLabel(value);
      if (label === undefined) issues.push({ file, row, column: where(name), message: `Unrecognised label ${JSON.stringify(value)}; write ${ACCEPTED_SPELLINGS}.` });
      else labels[name] = label;
    }
    const key = `${caseId}#${trial}`;
    const first = seen.get(key);
    if (first !== undefined && caseId !== "") issues.push({ file, row, column: where("case_id"), message: `Case ${caseId} trial ${trial} is labelled again (first on row ${first}); keep one row per trial.` });
    seen.set(key, row);

    const notes = String(cell("notes") ?? "").trim();
    rows.push({
      row,
      case_id: caseId,
      trial,
      label: labels.label ?? null,
      ...(notes ? { notes } : {}),
      ...(index.has("label_a") ? { label_a: labels.label_a ?? null } : {}),
      ...(index.has("label_b") ? { label_b: labels.label_b ?? null } : {}),
    });
  });
  return { rows, issues };
}

/** 0 → A, 25 → Z, 26 → AA: how spreadsheets name columns. */
export function columnLetter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
