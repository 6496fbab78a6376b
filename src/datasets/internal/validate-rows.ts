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

/** Where an id was written within one file, kept apart from the file so a row costs two slots, not an object. */
export interface FileIds {
  ids: string[];
  lines: number[];
}

function idOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" || (typeof id === "number" && Number.isInteger(id)) ? String(id) : undefined;
}

/**
 * Validates each row on its own as it is read, so every bad row is reported,
 * not only the first, and only the validated value is kept. The ids of every
 * row that has a usable one are collected, so a duplicate is caught even next
 * to a row with other problems.
 */
export function createRowValidator<S extends z.ZodType>(file: string, schema: S, onValue: (value: z.output<S>, line: number) => void) {
  const ids: FileIds = { ids: [], lines: [] };
  const issues: DatasetIssue[] = [];
  return {
    ids,
    issues,
    add({ line, value }: RawRow): void {
      const id = idOf(value);
      if (id !== undefined) {
        ids.ids.push(id);
        ids.lines.push(line);
      }
      const result = schema.safeParse(value);
      if (result.success) onValue(result.data, line);
      else issues.push(...describeZodIssues(result.error.issues, schema, value).map(({ path, message }) => ({ file, line, field: path, message })));
    },
  };
}

/**
 * Duplicate ids across the files of a suite, fed one file after another in
 * suite order so the first use of an id is the one the others point to.
 */
export class DuplicateIds {
  private readonly firstSeen = new Map<string, IdLocation>();

  /** The issues for the ids of `file` already used, here or in a file fed before. */
  add(file: string, { ids, lines }: FileIds): DatasetIssue[] {
    const issues: DatasetIssue[] = [];
    ids.forEach((id, index) => {
      const first = this.firstSeen.get(id);
      if (first) issues.push({ file, line: lines[index]!, field: "id", message: `Duplicate id "${id}": already used at ${first.file}:${first.line}` });
      else this.firstSeen.set(id, { id, file, line: lines[index]! });
    });
    return issues;
  }

  /** Where an id was first used. */
  get(id: string): IdLocation | undefined {
    return this.firstSeen.get(id);
  }
}

/**
 * "c1" and "c1 " are different cases to every reader (results, baselines,
 * labels), which is almost never what the curator meant; a warning, not an
 * error, because renaming a case breaks its history.
 */
export function idSpacingWarnings(ids: readonly IdLocation[], byId: { get(id: string): IdLocation | undefined }): DatasetIssue[] {
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
