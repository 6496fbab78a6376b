import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadRecords } from "../../src/datasets/index.js";
import { DatasetError } from "../../src/errors.js";

const RowSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  labels: z.array(z.string()).default([]),
  spans: z.array(z.strictObject({ start: z.number(), end: z.number() })).optional(),
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-records-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

async function problems(file: string): Promise<string[]> {
  const error = await loadRecords(file, RowSchema).catch((e: unknown) => e);
  if (!(error instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${String(error)}`);
  return error.issues.map((i) => `${i.line} ${i.field}: ${i.message.replace(dir, "<dir>")}`);
}

describe("loadRecords", () => {
  it("reads JSONL rows against the given schema, keeping each row's line", async () => {
    const file = await write("rows.jsonl", '{"id":"a","text":"one","labels":["x"]}\n\n{"id":"b","text":"two"}\n');
    expect(await loadRecords(file, RowSchema)).toEqual([
      { file, line: 1, value: { id: "a", text: "one", labels: ["x"] } },
      { file, line: 3, value: { id: "b", text: "two", labels: [] } },
    ]);
  });

  it("splits list columns on | and parses JSON columns in CSV", async () => {
    const file = await write("rows.csv", 'id,text,labels,spans\na,"hello, world",x | y,"[{""start"":0,""end"":5}]"\nb,plain,,\n');
    const rows = await loadRecords(file, RowSchema, { listColumns: ["labels"], jsonColumns: ["spans"] });
    expect(rows.map((row) => row.value)).toEqual([
      { id: "a", text: "hello, world", labels: ["x", "y"], spans: [{ start: 0, end: 5 }] },
      { id: "b", text: "plain", labels: [] },
    ]);
  });

  it("names the line and field of every bad row, and duplicate ids", async () => {
    const file = await write("rows.jsonl", ['{"id":"a","text":"one"}', '{"id":"b","txt":"two"}', "not json", '{"id":"a","text":"again"}'].join("\n"));
    expect(await problems(file)).toMatchInlineSnapshot(`
      [
        "2 text: Missing required key "text" (expected string)",
        "2 txt: Unknown key "txt" at top level. Did you mean "text"?",
        "3 : Not valid JSON (Unexpected token 'o', "not json" is not valid JSON); each line must hold one complete JSON object",
        "4 id: Duplicate id "a": already used at <dir>/rows.jsonl:1",
      ]
    `);
  });

  it("calls an empty file by the rows' name", async () => {
    const file = await write("rows.jsonl", "");
    const error = await loadRecords(file, RowSchema, { noun: "guard rows" }).catch((e: unknown) => e);
    expect((error as DatasetError).issues.map((i) => i.message)).toEqual(["No guard rows: the file is empty"]);
  });
});
