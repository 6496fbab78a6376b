import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDataset, validateDatasetFile } from "../../src/datasets/index.js";
import { DatasetError } from "../../src/errors.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/datasets");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-dataset-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

async function datasetError(files: string[]): Promise<DatasetError> {
  const error = await loadDataset(files).catch((e: unknown) => e);
  if (error instanceof DatasetError) return error;
  throw new Error(`expected a DatasetError, got ${String(error)}`);
}

/** Issues without the temp directory, as `name:line field: message`, for readable assertions. */
function located(error: DatasetError): string[] {
  return error.issues.map((i) => `${i.file.slice(dir.length + 1)}:${i.line} ${i.field}: ${i.message}`);
}

describe("loadDataset: valid files", () => {
  it("reads JSONL cases, normalising integer ids and keeping structured and chat inputs", async () => {
    const file = join(FIXTURES, "cases.jsonl");
    const dataset = await loadDataset([file]);
    expect(dataset.cases).toEqual([
      { id: "1", input: "How do I reset my password?", expected: "Settings > Security", tags: ["account"] },
      {
        id: "refund-policy",
        input: { question: "Can I get a refund?", locale: "en-GB" },
        context: [{ id: "kb-12", text: "Refunds within 30 days." }],
        metadata: { source: "support-tickets" },
      },
      {
        id: "multi-turn",
        input: [
          { role: "system", content: "You are terse." },
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello." },
          { role: "user", content: "Opening hours?" },
        ],
      },
    ]);
  });

  it("reads CSV with a BOM, CRLF, dotted columns, split tags, JSON cells and empty cells left out", async () => {
    const dataset = await loadDataset([join(FIXTURES, "cases.csv")]);
    expect(dataset.cases).toEqual([
      {
        id: "csv-1",
        input: { question: "Where is my order?", locale: "en-US" },
        expected: { status: "shipped" },
        tags: ["orders", "tracking"],
        metadata: { source: "faq" },
      },
      { id: "csv-2", input: { question: "Two\r\nlines" } },
    ]);
  });

  it("records each file's sha256 over its raw bytes and its case count", async () => {
    const files = [join(FIXTURES, "cases.jsonl"), join(FIXTURES, "cases.csv")];
    const dataset = await loadDataset(files);
    const sha = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");
    expect(dataset.files).toEqual([
      { file: files[0], sha256: await sha(files[0] as string), cases: 3 },
      { file: files[1], sha256: await sha(files[1] as string), cases: 2 },
    ]);
    expect(dataset.cases.map((c) => c.id)).toEqual(["1", "refund-policy", "multi-turn", "csv-1", "csv-2"]);
  });

  it("tolerates a BOM and CRLF line endings in JSONL", async () => {
    const file = await write("bom.jsonl", '\uFEFF{"id": "a", "input": "x"}\r\n\r\n{"id": "b", "input": "y"}\r\n');
    expect((await loadDataset([file])).cases.map((c) => c.id)).toEqual(["a", "b"]);
  });

  it("reads a JSONL file larger than one read, lines and characters split across reads", async () => {
    // 3,000 rows of about 70 bytes: several 64 KiB reads, some ending inside a line or a multi-byte character.
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `c${i}`, input: `question ${i} — café ✓ ${"x".repeat(i % 7)}` }));
    const file = await write("big.jsonl", `${rows.join("\r\n")}\r\n`);
    const dataset = await loadDataset([file]);
    expect(dataset.cases).toHaveLength(3000);
    expect(dataset.cases[2999]).toEqual({ id: "c2999", input: `question 2999 — café ✓ ${"x".repeat(2999 % 7)}` });
    expect(dataset.files[0]?.sha256).toBe(createHash("sha256").update(await readFile(file)).digest("hex"));
    const late = await write("late.jsonl", `${rows.join("\n")}\n{"id": "c0", "input": 1}\n`);
    expect(located(await datasetError([late]))).toEqual([
      "late.jsonl:3001 input: Expected string, array or object, received number",
      'late.jsonl:3001 id: Duplicate id "c0": already used at ' + `${late}:1`,
    ]);
  });

  it("keeps a cell that merely starts like text as text", async () => {
    const file = await write("ok.csv", "id,input,expected\na,hello,plain answer\n");
    expect((await loadDataset([file])).cases).toEqual([{ id: "a", input: "hello", expected: "plain answer" }]);
  });
});

describe("loadDataset: malformed files", () => {
  it("reports a missing id with its line", async () => {
    const file = await write("d.jsonl", '{"id": "a", "input": "x"}\n{"input": "y"}\n');
    expect(located(await datasetError([file]))).toEqual(['d.jsonl:2 id: Missing required key "id" (expected string or number)']);
  });

  it("rejects blank ids and ids with control characters, naming file, line and field", async () => {
    const file = await write("d.jsonl", '{"id": "  ", "input": "x"}\n{"id": "", "input": "x"}\n{"id": "refund\\nwindow", "input": "x"}\n{"id": "tab\\there", "input": "x"}\n');
    expect(located(await datasetError([file]))).toMatchInlineSnapshot(`
      [
        "d.jsonl:1 id: Case id "  " is blank; give the case a name such as "refund-window"",
        "d.jsonl:2 id: Case id "" is blank; give the case a name such as "refund-window"",
        "d.jsonl:3 id: Case id "refund\\nwindow" contains the control character U+000A at position 7; ids must be one line of visible text, e.g. "refund-window"",
        "d.jsonl:4 id: Case id "tab\\there" contains the control character U+0009 at position 4; ids must be one line of visible text, e.g. "refund-window"",
      ]
    `);
  });

  it("warns, without failing, on ids with leading or trailing spaces: they are different cases", async () => {
    const file = await write("d.jsonl", '{"id": "c1", "input": "x"}\n{"id": "c1 ", "input": "y"}\n{"id": " c2", "input": "z"}\n');
    const dataset = await loadDataset([file]);
    expect(dataset.cases.map((c) => c.id)).toEqual(["c1", "c1 ", " c2"]);
    expect(dataset.warnings.map((w) => `${w.file.slice(dir.length + 1)}:${w.line} ${w.field}: ${w.message.replaceAll(dir, "<dir>")}`)).toMatchInlineSnapshot(`
      [
        "d.jsonl:2 id: Case id "c1 " has leading or trailing spaces, so it is a different case from "c1", which is also used at <dir>/d.jsonl:1; remove the spaces",
        "d.jsonl:3 id: Case id " c2" has leading or trailing spaces, so it is a different case from "c2"; remove the spaces",
      ]
    `);
  });

  it("reports a duplicate id in the same file naming both lines", async () => {
    const file = await write("d.jsonl", '{"id": "a", "input": "x"}\n{"id": "b", "input": "x"}\n{"id": "a", "input": "y"}\n');
    expect(located(await datasetError([file]))).toEqual([`d.jsonl:3 id: Duplicate id "a": already used at ${file}:1`]);
  });

  it("reports a duplicate id across files, an integer id colliding with its string form", async () => {
    const first = await write("a.jsonl", '{"id": 7, "input": "x"}\n');
    const second = await write("b.csv", "id,input\n7,y\n");
    expect(located(await datasetError([first, second]))).toEqual([`b.csv:2 id: Duplicate id "7": already used at ${first}:1`]);
  });

  it("reports a wrong type for input", async () => {
    const file = await write("d.jsonl", '{"id": "a", "input": 42}\n');
    expect(located(await datasetError([file]))).toEqual(["d.jsonl:1 input: Expected string, array or object, received number"]);
  });

  it("reports the bad field inside a chat-message input", async () => {
    const file = await write("d.jsonl", '{"id": "a", "input": [{"role": "users", "content": "hi"}]}\n');
    expect(located(await datasetError([file]))).toEqual([
      'd.jsonl:1 input[0].role: Expected one of "system", "user", "assistant", "tool", received "users". Did you mean "user"?',
    ]);
  });

  it("reports a misspelt field with a suggestion", async () => {
    const file = await write("d.jsonl", '{"id": "a", "input": "x", "expect": "y"}\n');
    expect(located(await datasetError([file]))).toEqual(['d.jsonl:1 expect: Unknown key "expect" at top level. Did you mean "expected"?']);
  });

  it("reports a line that is not JSON, and one that is JSON but not an object", async () => {
    const file = await write("d.jsonl", '{"id": "a", "input": "x"}\n{"id": "b", input: "y"}\n["c"]\n');
    const issues = located(await datasetError([file]));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^d\.jsonl:2 : Not valid JSON \(.+\); each line must hold one complete JSON object$/);
    expect(issues[1]).toBe("d.jsonl:3 : Expected a JSON object, received array");
  });

  it("reports bad CSV quoting at the line where the record starts", async () => {
    const file = await write("d.csv", 'id,input\na,fine\nb,"never closed\nc,more\n');
    expect(located(await datasetError([file]))).toEqual([
      'd.csv:3 : A quoted field starts on this line and is never closed; close it with ", and write a quote inside a quoted field as ""',
    ]);
  });

  it("reports a stray quote inside an unquoted CSV field", async () => {
    const file = await write("d.csv", 'id,input\na,say "hi"\n');
    expect(located(await datasetError([file]))).toEqual([
      'd.csv:2 : A quote appears inside an unquoted field; wrap the whole field in quotes and double the inner quote ("say ""hi""")',
    ]);
  });

  it("reports CSV rows with the wrong number of columns, a multi-line record by its first line", async () => {
    const file = await write("d.csv", 'id,input\na,"multi\nline",extra\nb\nc,ok\n');
    expect(located(await datasetError([file]))).toEqual([
      "d.csv:2 : Expected 2 columns as in the header (line 1), found 3",
      "d.csv:4 : Expected 2 columns as in the header (line 1), found 1",
    ]);
  });

  it("reports a JSON-looking CSV cell that does not parse, naming the column", async () => {
    const file = await write("d.csv", "id,input,metadata\na,x,{broken\n");
    const issues = located(await datasetError([file]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^d\.csv:2 metadata: Looks like JSON but does not parse/);
  });

  it("reports a CSV header that uses a column both as a value and as dotted sub-columns", async () => {
    const file = await write("d.csv", "id,input,input.question\na,x,y\n");
    expect(located(await datasetError([file]))).toEqual([
      'd.csv:1 input: Column "input" conflicts with "input.question": a field is either a value or a set of dotted sub-columns, not both',
    ]);
  });

  it("reports an empty JSONL file and a CSV file with only a header", async () => {
    const jsonl = await write("empty.jsonl", "\n\n");
    const csv = await write("header.csv", "id,input\n");
    expect(located(await datasetError([jsonl, csv]))).toEqual([
      "empty.jsonl:1 : No cases: the file is empty",
      "header.csv:1 : No cases: the file has no data rows below the header",
    ]);
  });

  it("reports every line holding bytes that are not UTF-8", async () => {
    const latin1 = Buffer.concat([
      Buffer.from('{"id": "a", "input": "ok"}\n{"id": "b", "input": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n{"id": "c", "input": "fine ✓"}\n{"id": "d", "input": "'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n'),
    ]);
    const file = await write("d.jsonl", latin1);
    expect(located(await datasetError([file])).map((issue) => issue.split(":").slice(0, 2).join(":"))).toEqual(["d.jsonl:2 ", "d.jsonl:4 "]);
    expect((await datasetError([file])).issues[0]?.message).toMatch(/^Not valid UTF-8/);
  });

  it("reports a file with bytes that are not UTF-8 by those lines alone, and keeps no case of it", async () => {
    const file = await write("mixed.jsonl", Buffer.concat([Buffer.from('not json\n{"id": "a"}\n{"id": "b", "input": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const other = await write("other.jsonl", '{"id": "a", "input": "x"}\n');
    expect(located(await datasetError([file, other]))).toEqual([
      'mixed.jsonl:3 : Not valid UTF-8: save the file as UTF-8 (e.g. re-export it from your spreadsheet as "CSV UTF-8")',
    ]);
  });

  it("drops a BOM only at the start of the file, not at the start of a later line", async () => {
    const file = await write("bom2.jsonl", '\uFEFF{"id": "a", "input": "x"}\n\uFEFF{"id": "b", "input": "y"}\n');
    expect(located(await datasetError([file]))[0]).toMatch(/^bom2\.jsonl:2 : Not valid JSON/);
  });

  it("rejects an unsupported extension", async () => {
    const file = await write("cases.json", "[]");
    expect(located(await datasetError([file]))).toEqual([
      'cases.json:1 : Unsupported dataset format ".json": use .jsonl (one JSON object per line) or .csv (with a header row)',
    ]);
  });

  it("reports a missing dataset file", async () => {
    const file = join(dir, "nope.jsonl");
    expect(located(await datasetError([file]))).toEqual(["nope.jsonl:1 : File not found: check the path"]);
  });

  it("lists several bad rows of several files in one error, in file and line order", async () => {
    const first = await write("a.jsonl", '{"id": "a", "input": 1}\n{"id": "b", "input": "ok", "tags": "x"}\n{"input": "x"}\n{"id": "b", "input": "again"}\n');
    const second = await write("b.csv", "id,input\nc,ok\n,missing id\n");
    const error = await datasetError([first, second]);
    expect(located(error)).toEqual([
      "a.jsonl:1 input: Expected string, array or object, received number",
      "a.jsonl:2 tags: Expected array, received string",
      'a.jsonl:3 id: Missing required key "id" (expected string or number)',
      `a.jsonl:4 id: Duplicate id "b": already used at ${first}:2`,
      'b.csv:3 id: Missing required key "id" (expected string or number)',
    ]);
    expect(error.message.split("\n")[0]).toBe("Dataset has 5 problems:");
  });
});

describe("validateDatasetFile", () => {
  it("returns the loaded dataset of a valid file", async () => {
    const dataset = await validateDatasetFile(join(FIXTURES, "cases.jsonl"));
    expect(dataset.cases).toHaveLength(3);
  });

  it("throws the DatasetError listing every bad row", async () => {
    const file = await write("d.jsonl", '{"id": "a"}\n{"id": "b"}\n');
    const error = await validateDatasetFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).issues.map((i) => i.line)).toEqual([1, 2]);
  });
});
