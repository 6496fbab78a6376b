import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DatasetError, EvalgateError, errorMessage } from "../errors.js";
import { parseJsonlObjects } from "../log/index.js";
import { readGenericRow } from "./internal/generic-row.js";
import { readInferenceRow } from "./internal/inference-row.js";
import type { ProductionRecord, SourceRecords } from "./record.js";

/**
 * Reads a JSONL export. The first row decides the shape of the whole file:
 * a Databricks inference table (`request` / `response` columns in a
 * serving format) or generic `{ input, output, context?, id?, timestamp? }`
 * rows. Every bad row is reported at once, by file, line and field.
 */
export async function readJsonlRecords(file: string): Promise<SourceRecords> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new EvalgateError("CONFIG_INVALID", `Cannot read ${path}: ${errorMessage(error)}. Give the JSONL export of production requests (jsonl:<file>).`, { cause: error });
  }
  const parsed = parseJsonlObjects(text, path);
  const first = parsed.rows[0]?.value;
  const shape = first && ("request" in first || "response" in first) ? "inference-table" : "generic";
  const read = shape === "inference-table" ? readInferenceRow : readGenericRow;
  const issues = [...parsed.issues];
  const records: ProductionRecord[] = [];
  const formats = new Set<string>();
  for (const row of parsed.rows) {
    const reading = read(row.value);
    if ("issue" in reading) issues.push({ file: path, line: row.line, ...reading.issue });
    else {
      records.push(reading.record);
      if (reading.format) formats.add(reading.format);
    }
  }
  if (issues.length > 0) throw new DatasetError(issues.sort((a, b) => a.line - b.line));
  const format = shape === "inference-table" ? `inference-table (${[...formats].join(", ") || "no rows"})` : "generic";
  return { origin: `jsonl:${file}`, format, records };
}
