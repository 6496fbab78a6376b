import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

// The exact lines users read when a suite is wrong, pinned so a change to them is deliberate.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-messages-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the files of a suite project into the temp dir; returns the suite path. */
async function project(files: Record<string, string>): Promise<string> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return join(dir, "evalgate.yaml");
}

const scripted = (dataset: string, extra = "") => `name: messages\ndataset: ${dataset}\ntarget:\n  type: scripted\n  path: replies.jsonl\n${extra}`;
const replies = '{"case_id": "c1", "output": "fine"}\n{"case_id": "c1 ", "output": "fine"}\n';

/** stderr and stdout without the temp dir, for stable snapshots. */
const clean = (text: string) => text.replaceAll(dir, "<dir>");

describe("dataset ids", () => {
  it("validate warns on an id with surrounding spaces and still passes", async () => {
    const suite = await project({
      "evalgate.yaml": scripted("cases.jsonl"),
      "cases.jsonl": '{"id": "c1", "input": "x"}\n{"id": "c1 ", "input": "y"}\n',
      "replies.jsonl": replies,
    });
    const result = await runCli(["validate", suite]);
    expect(result.code).toBe(0);
    expect(clean(result.stderr)).toMatchInlineSnapshot(`
      "evalgate: warning: <dir>/cases.jsonl:2 (id): Case id "c1 " has leading or trailing spaces, so it is a different case from "c1", which is also used at <dir>/cases.jsonl:1; remove the spaces
      "
    `);
  });

  it("run prints the same warning before the first trial", async () => {
    const suite = await project({
      "evalgate.yaml": scripted("cases.jsonl", "repeats: 1\n"),
      "cases.jsonl": '{"id": "c1", "input": "x"}\n{"id": "c1 ", "input": "y"}\n',
      "replies.jsonl": replies,
    });
    const result = await runCli(["run", suite, "--reports-dir", join(dir, "reports"), "--no-progress", "--no-tracking"]);
    expect(result.code).toBe(0);
    expect(clean(result.stderr).split("\n")[0]).toBe(
      'evalgate: warning: <dir>/cases.jsonl:2 (id): Case id "c1 " has leading or trailing spaces, so it is a different case from "c1", which is also used at <dir>/cases.jsonl:1; remove the spaces',
    );
  });
});

describe("messages about the suite", () => {
  const cases = '{"id": "c1", "input": "x"}\n';

  it("a missing dataset file points at the suite's dataset line, not at line 1 of the missing file", async () => {
    const suite = await project({ "evalgate.yaml": scripted("nope.jsonl"), "replies.jsonl": replies });
    const result = await runCli(["validate", suite]);
    expect(result.code).toBe(2);
    expect(clean(result.stderr)).toMatchInlineSnapshot(`
      "evalgate: Invalid suite config in <dir>/evalgate.yaml:
        ✖ Dataset file not found: <dir>/nope.jsonl (written as "nope.jsonl", relative to <dir>). Fix the path or create the file (line 2)
          → at dataset
      "
    `);
  });

  it("a missing file in a dataset list points at its entry", async () => {
    const suite = await project({ "evalgate.yaml": scripted("\n  - cases.jsonl\n  - more/cases.csv"), "cases.jsonl": cases, "replies.jsonl": replies });
    const result = await runCli(["validate", suite]);
    expect(clean(result.stderr)).toMatchInlineSnapshot(`
      "evalgate: Invalid suite config in <dir>/evalgate.yaml:
        ✖ Dataset file not found: <dir>/more/cases.csv (written as "more/cases.csv", relative to <dir>). Fix the path or create the file (line 4)
          → at dataset[1]
      "
    `);
  });

  it("a dataset listed twice says so, instead of reporting every id as a duplicate of itself", async () => {
    const suite = await project({ "evalgate.yaml": scripted("[cases.jsonl, ./cases.jsonl]"), "cases.jsonl": cases, "replies.jsonl": replies });
    const result = await runCli(["validate", suite]);
    expect(result.code).toBe(2);
    expect(clean(result.stderr)).toMatchInlineSnapshot(`
      "evalgate: Invalid suite config in <dir>/evalgate.yaml:
        ✖ dataset[1] "./cases.jsonl" is the same file as dataset[0] "cases.jsonl" (<dir>/cases.jsonl), so it is listed twice; list each dataset file once (line 2)
          → at dataset[1]
      "
    `);
  });

  it("a missing module target names the file it looked for, without Node's require stack", async () => {
    const suite = await project({
      "evalgate.yaml": "name: messages\ndataset: cases.jsonl\ntarget:\n  type: module\n  path: ./pipeline.ts\n",
      "cases.jsonl": cases,
    });
    const result = await runCli(["validate", suite]);
    expect(result.code).toBe(2);
    expect(clean(result.stderr)).toMatchInlineSnapshot(`
      "evalgate: target.path: file not found: looked for <dir>/pipeline.ts. Relative paths are resolved from the suite file's folder; fix target.path.
      "
    `);
  });

  it("a module target whose import is missing names that import", async () => {
    const suite = await project({
      "evalgate.yaml": "name: messages\ndataset: cases.jsonl\ntarget:\n  type: module\n  path: ./pipeline.ts\n",
      "cases.jsonl": cases,
      "pipeline.ts": 'import { retrieve } from "./retriever";\nexport const target = async (input: string) => ({ output: retrieve(input) });\n',
    });
    const result = await runCli(["validate", suite]);
    expect(clean(result.stderr)).toMatchInlineSnapshot(`
      "evalgate: target.path: <dir>/pipeline.ts imports "./retriever", which was not found; fix the import (relative imports are resolved from the importing file's folder).
      "
    `);
  });

  it("validate counts in words that agree with the number", async () => {
    const suite = await project({ "evalgate.yaml": scripted("cases.jsonl", "checks:\n  - type: json\n"), "cases.jsonl": cases, "replies.jsonl": replies });
    const result = await runCli(["validate", suite]);
    expect(result.code).toBe(0);
    expect(clean(result.stdout)).toMatchInlineSnapshot(`
      "✓ <dir>/evalgate.yaml: 1 case, 1 check, 0 judges, target scripted responses from <dir>/replies.jsonl
      "
    `);
  });
});

describe("messages about the command line", () => {
  it("a bad option value is one evalgate line and a pointer to the command's help", async () => {
    const result = await runCli(["run", "evalgate.yaml", "--repeats", "abc"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatchInlineSnapshot(`
      "evalgate: option '--repeats <n>' argument 'abc' is invalid. Expected a whole number ≥ 1, received "abc".
      See: evalgate run --help
      "
    `);
  });

  it("a bad option value of a subcommand points at that subcommand's help", async () => {
    const result = await runCli(["label", "export", "run-1", "--judge", "j", "--out", "x.csv", "--sample", "many"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "evalgate: option '--sample <n>' argument 'many' is invalid. Expected a whole number ≥ 1, received "many".
      See: evalgate label export --help
      "
    `);
  });
});
