import type { z } from "zod";
import { describeZodIssues } from "../../config/index.js";
import type { DatasetIssue } from "../../errors.js";
import type { RawRow } from "./raw-row.js";

/** Where a case id was written, whether or not the rest of its row is valid. */
export interface IdLocation {
  id: string;
  file: string;
  line: number;
}

export interface ValidatedRows<T> {
  /** The rows that passed the schema, with their 1-based line. */
  values: { line: number; value: T }[];
  /** Ids of every row that has a usable one, so a duplicate is caught even next to a row with other problems. */
  ids: IdLocation[];
  issues: DatasetIssue[];
}

function idOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" || (typeof id === "number" && Number.isInteger(id)) ? String(id) : undefined;
}

/** Validates each row on its own so every bad row is reported, not only the first. */
export function validateRows<S extends z.ZodType>(rows: readonly RawRow[], file: string, schema: S): ValidatedRows<z.output<S>> {
  const validated: ValidatedRows<z.output<S>> = { values: [], ids: [], issues: [] };
  for (const { line, value } of rows) {
    const id = idOf(value);
    if (id !== undefined) validated.ids.push({ id, file, line });
    const result = schema.safeParse(value);
    if (result.success) validated.values.push({ line, value: result.data });
    else validated.issues.push(...describeZodIssues(result.error.issues, schema, value).map(({ path, message }) => ({ file, line, field: path, message })));
  }
  return validated;
}

/** Ids must be unique across every file of a suite: results, baselines and labels are keyed by them. */
export function duplicateIdIssues(ids: readonly IdLocation[]): DatasetIssue[] {
  const firstSeen = new Map<string, IdLocation>();
  const issues: DatasetIssue[] = [];
  for (const location of ids) {
    const first = firstSeen.get(location.id);
    if (first) issues.push({ file: location.file, line: location.line, field: "id", message: `Duplicate id "${location.id}": already used at ${first.file}:${first.line}` });
    else firstSeen.set(location.id, location);
  }
  return issues;
}

/**
 * "c1" and "c1 " are different cases to every reader (results, baselines,
 * labels), which is almost never what the curator meant; a warning, not an
 * error, because renaming a case breaks its history.
 */
export function idSpacingWarnings(ids: readonly IdLocation[]): DatasetIssue[] {
  const byId = new Map(ids.map((location) => [location.id, location]));
  return ids.flatMap((location) => {
    const trimmed = location.id.trim();
    if (trimmed === location.id || trimmed === "") return [];
    const twin = byId.get(trimmed);
    const also = twin ? `, which is also used at ${twin.file}:${twin.line}` : "";
    return [
      {
        file: location.file,
        line: location.line,
        field: "id",
        message: `Case id ${JSON.stringify(location.id)} has leading or trailing spaces, so it is a different case from ${JSON.stringify(trimmed)}${also}; remove the spaces`,
      },
    ];
  });
}
