import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { errorMessage } from "../../errors.js";
import { LabelError } from "../errors.js";
import type { CellValue } from "../label-spelling.js";

/** A sheet as rows of cells; `rows[i]` is spreadsheet row i + 2 (the header is row 1). */
export interface Sheet {
  header: string[];
  rows: CellValue[][];
}

export type SheetFormat = "csv" | "xlsx";

export function sheetFormatOf(file: string): SheetFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new LabelError([{ file, message: `Expected a .csv or .xlsx file, received "${ext || "no extension"}".` }]);
}

export async function readSheet(file: string): Promise<Sheet> {
  try {
    return sheetFormatOf(file) === "csv" ? readCsv(await readFile(file, "utf8")) : await readXlsx(file);
  } catch (error) {
    if (error instanceof LabelError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LabelError([{ file, message: code === "ENOENT" ? "File not found." : `Cannot read the sheet: ${errorMessage(error)}` }], { cause: error });
  }
}

function readCsv(text: string): Sheet {
  // bom: Excel's "CSV UTF-8" starts with one; without stripping it the first column would be "\uFEFFcase_id".
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const [header = [], ...rows] = records;
  return { header, rows };
}

async function readXlsx(file: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const width = sheet.columnCount;
  const rows: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value)));
  });
  const [header = [], ...body] = rows;
  // Rows left blank between labelled ones keep their place so row numbers match what Excel shows.
  return { header: header.map((cell) => (cell === null ? "" : String(cell))), rows: body };
}

/** Typed cells (numbers, booleans) stay typed; rich text, hyperlinks and formulas become what they display. */
function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("result" in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value && typeof value.text === "string") return value.text;
  return null;
}

export interface WriteSheetOptions {
  /** CSV only: start with a UTF-8 byte-order mark so Excel on Windows reads accents and ✅ correctly. */
  bom?: boolean;
  /** xlsx only: columns offered a PASS/FAIL drop-down. */
  choiceColumns?: readonly string[];
}

export async function writeSheet(file: string, sheet: { header: string[]; rows: string[][] }, options: WriteSheetOptions = {}): Promise<void> {
  if (sheetFormatOf(file) === "csv") {
    // quoted_match on line breaks: every multi-line cell is quoted, CRLF rows as RFC 4180 and Excel expect.
    const text = stringify([sheet.header, ...sheet.rows], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
    await writeFile(file, `${options.bom ? "\uFEFF" : ""}${text}`, "utf8");
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet("labels", { views: [{ state: "frozen", ySplit: 1 }] });
  worksheet.addRow(sheet.header).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row);
  sheet.header.forEach((name, index) => {
    const column = worksheet.getColumn(index + 1);
    column.width = name === "input" || name === "output" || name === "context" ? 60 : 14;
    column.alignment = { wrapText: true, vertical: "top" };
    if (!options.choiceColumns?.includes(name)) return;
    for (let row = 2; row <= sheet.rows.length + 1; row += 1) {
      worksheet.getCell(row, index + 1).dataValidation = { type: "list", allowBlank: true, formulae: ['"PASS,FAIL"'] };
    }
  });
  await workbook.xlsx.writeFile(file);
}
