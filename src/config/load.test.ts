import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { configHash } from "./config-hash.js";
import { parseConfig, type ConfigIssue } from "./load.js";

const FILE = "/suites/qa/evalgate.yaml";

const VALID = `name: qa
dataset: data/cases.jsonl
target:
  type: module
  path: ./pipeline.ts
`;

function configError(text: string): ConfigError {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected parseConfig to throw a ConfigError");
}

describe("parseConfig: valid suites", () => {
  it("applies defaults and resolves paths against the config file's directory", () => {
    const config = parseConfig(`${VALID}judges: [judges/grounded.md, /abs/tone.md]\n`, FILE);
    expect(config).toMatchObject({
      name: "qa",
      configFile: FILE,
      configDir: "/suites/qa",
      datasets: ["/suites/qa/data/cases.jsonl"],
      target: { type: "module", path: "/suites/qa/pipeline.ts", export: "default" },
      judges: ["/suites/qa/judges/grounded.md", "/abs/tone.md"],
      repeats: 3,
      concurrency: 4,
      checks: [],
    });
    expect(config).not.toHaveProperty("dataset");
  });

  it("resolves the guardrails file, and hashes it relative to the suite like every path", () => {
    const config = parseConfig(`${VALID}guardrails: guardrails/support-bot.yaml\n`, FILE);
    expect(config.guardrails).toBe("/suites/qa/guardrails/support-bot.yaml");
    expect(configHash(parseConfig(`${VALID}guardrails: guardrails/support-bot.yaml\n`, "/elsewhere/evalgate.yaml"))).toBe(configHash(config));
  });

  it("keeps several datasets in the order given", () => {
    const config = parseConfig(VALID.replace("dataset: data/cases.jsonl", "dataset: [b.csv, a.jsonl]"), FILE);
    expect(config.datasets).toEqual(["/suites/qa/b.csv", "/suites/qa/a.jsonl"]);
  });

  it("resolves file fields of checks and a prompt target's template, leaving other fields alone", () => {
    const text = `name: qa
dataset: cases.jsonl
target: { type: prompt, model: "openai:gpt-4.1-mini", template: prompts/v2.yaml }
checks:
  - { type: json-schema, schema_file: schemas/answer.json, field: answer }
  - { type: custom, module: ../common/checks.ts }
`;
    const config = parseConfig(text, FILE);
    expect(config.target).toMatchObject({ template: "/suites/qa/prompts/v2.yaml", model: "openai:gpt-4.1-mini" });
    expect(config.checks).toMatchObject([
      { schema_file: "/suites/qa/schemas/answer.json", field: "answer" },
      { module: "/suites/common/checks.ts" },
    ]);
  });
});

describe("parseConfig: malformed suites", () => {
  it("reports a YAML syntax error with file:line:col", () => {
    const error = configError("name: qa\nname: again\n");
    expect(error.issues).toHaveLength(1);
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid suite config in /suites/qa/evalgate.yaml:
        ✖ YAML syntax error at /suites/qa/evalgate.yaml:2:1: Map keys must be unique"
    `);
  });

  it("reports an unknown top-level key with the nearest valid key and its line", () => {
    const error = configError(`${VALID}repeat: 5\n`);
    expect(error.issues).toEqual([
      { path: "repeat", line: 6, message: 'Unknown key "repeat" at top level. Did you mean "repeats"? (line 6)' },
    ]);
  });

  it("reports an unknown nested key with the nearest valid key", () => {
    const error = configError(`${VALID}  exprt: run\n`);
    expect(error.issues).toEqual([
      { path: "target.exprt", line: 6, message: 'Unknown key "exprt" in target. Did you mean "export"? (line 6)' },
    ]);
  });

  it("suggests keys of the right check type inside a list", () => {
    const error = configError(`${VALID}checks:\n  - type: contains\n    value: refund\n  - type: not-contains\n    vlaue: sorry\n`);
    expect(error.issues).toContainEqual({
      path: "checks[1].vlaue",
      line: 10,
      message: 'Unknown key "vlaue" in checks[1]. Did you mean "value"? (line 10)',
    });
  });

  it("lists the valid keys when no key is close", () => {
    const error = configError(`${VALID}gate:\n  colour: blue\n`);
    expect(error.issues[0]?.message).toMatchInlineSnapshot(`"Unknown key "colour" in gate. Valid keys: baseline, max_regression, alpha, min_pass_rate, rules, interval, seed, resamples, correction, missing_cases. (line 7)"`);
  });

  it("reports a missing name", () => {
    const error = configError(VALID.replace("name: qa\n", ""));
    expect(error.issues).toEqual([{ path: "name", line: 1, message: 'Missing required key "name" (expected string) (line 1)' }]);
  });

  it("reports a wrong type with expected and received", () => {
    const error = configError(`${VALID}repeats: "three"\n`);
    expect(error.issues).toEqual([{ path: "repeats", line: 6, message: "Expected number, received string (line 6)" }]);
  });

  it("reports a negative concurrency with the bound", () => {
    const error = configError(`${VALID}concurrency: -2\n`);
    expect(error.issues).toEqual([{ path: "concurrency", line: 6, message: "Expected a number >= 1, received -2 (line 6)" }]);
  });

  it("reports an unknown target type with the valid types and a suggestion", () => {
    const error = configError(VALID.replace("type: module", "type: modul"));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: "target.type", line: 4 });
    expect(error.issues[0]?.message).toMatch(/^Expected one of "module", "scripted", .*received "modul"\. Did you mean "module"\? \(line 4\)$/);
  });

  it("reports the bad element of a dataset list", () => {
    const error = configError(VALID.replace("dataset: data/cases.jsonl", "dataset:\n  - a.jsonl\n  - 7"));
    expect(error.issues).toEqual([{ path: "dataset[1]", line: 4, message: "Expected string, received number (line 4)" }]);
  });

  it("names both accepted shapes when a dataset is neither", () => {
    const error = configError(VALID.replace("dataset: data/cases.jsonl", "dataset: 7"));
    expect(error.issues[0]?.message).toBe("Expected string or array, received number (line 2)");
  });

  it("reports every problem at once, in file order", () => {
    const error = configError("name: qa\nconcurrency: many\nrepeats: 0\nrepeat: 2\n");
    expect((error.issues as ConfigIssue[]).map((i) => `${i.line} ${i.path}`)).toEqual(["1 dataset", "1 target", "2 concurrency", "3 repeats", "4 repeat"]);
  });

  it("rejects an empty file", () => {
    expect(configError("").issues[0]?.message).toMatchInlineSnapshot(`"The file is empty: expected a mapping with at least name, dataset and target."`);
    expect(configError("# nothing yet\n").issues[0]?.message).toContain("The file is empty");
  });

  it("rejects a scalar or a list at top level", () => {
    expect(configError("just text").issues[0]?.message).toMatchInlineSnapshot(
      `"Expected a mapping (key: value pairs) at top level, received a string: expected a mapping with at least name, dataset and target."`,
    );
    expect(configError("- name: qa\n").issues[0]?.message).toContain("received a list");
  });
});

describe("configHash", () => {
  it("is stable across key order", () => {
    const reordered = `target:\n  path: ./pipeline.ts\n  type: module\ndataset: data/cases.jsonl\nname: qa\n`;
    expect(configHash(parseConfig(reordered, FILE))).toBe(configHash(parseConfig(VALID, FILE)));
  });

  it("is the same for the same suite in another directory", () => {
    expect(configHash(parseConfig(VALID, "/elsewhere/ci/evalgate.yaml"))).toBe(configHash(parseConfig(VALID, FILE)));
  });

  it("changes when a setting changes, including one left at its default", () => {
    const base = configHash(parseConfig(VALID, FILE));
    expect(configHash(parseConfig(`${VALID}repeats: 5\n`, FILE))).not.toBe(base);
    expect(configHash(parseConfig(`${VALID}repeats: 3\n`, FILE))).toBe(base);
    expect(configHash(parseConfig(VALID.replace("cases.jsonl", "other.jsonl"), FILE))).not.toBe(base);
  });

  it("is a sha256 hex digest", () => {
    expect(configHash(parseConfig(VALID, FILE))).toMatch(/^[0-9a-f]{64}$/);
  });
});
