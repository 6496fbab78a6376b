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
