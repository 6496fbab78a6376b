import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "./cli.js";

describe("evalgate validate", () => {
  const suite = join(FIXTURES, "broken", "evalgate.yaml");
  const dataset = join(FIXTURES, "broken", "cases.jsonl");

  it("lists every bad row of a broken dataset with its line and exits 2", async () => {
    const result = await runCli(["validate", suite]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.replaceAll(dataset, "cases.jsonl")).toMatchInlineSnapshot(`
      "evalgate: Dataset has 4 problems:
        ✖ cases.jsonl:2 (id): Missing required key "id" (expected string or number)
        ✖ cases.jsonl:3 (id): Duplicate id "ok-1": already used at cases.jsonl:1
        ✖ cases.jsonl:4 (input): Expected string, array or object, received number
        ✖ cases.jsonl:5: Not valid JSON (Unexpected token 'h', "this is not json" is not valid JSON); each line must hold one complete JSON object
      "
    `);
  });

  it("gives the same problems as data with --json", async () => {
    const result = await runCli(["validate", "--dataset", dataset, "--json"]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.code).toBe("DATASET_INVALID");
    expect(report.issues.map((i: { line: number; field: string }) => [i.line, i.field])).toEqual([
      [2, "id"],
      [3, "id"],
      [4, "input"],
      [5, ""],
    ]);
  });

  it("accepts the shipped example suite", async () => {
    const result = await runCli(["validate", join(FIXTURES, "..", "..", "..", "examples", "support-bot", "evalgate.yaml"), "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.cases).toBeGreaterThanOrEqual(30);
    expect(report.checks).toBeGreaterThanOrEqual(5);
  });

  it("has --help on every command", async () => {
    for (const command of ["run", "report", "validate"]) {
      const result = await runCli([command, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: evalgate ${command}`);
    }
  });
});

describe("evalgate validate, ids across checks and judges", () => {
  it("rejects a judge whose id is also a check's id, since both name metrics", async () => {
    const result = await runCli(["validate", join(FIXTURES, "id-collision", "evalgate.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Judge id "refuses-out-of-scope" is also the id of a check; ids name metrics, so rename one of them.');
    expect(result.stderr).toContain("→ at judges[0]");
  });
});
