import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./load.js";
import { resolveCodeConfig, type CodeConfig } from "./resolve-code-config.js";

const TEST_FILE = "/app/evals/support.eval.ts#support";
const TARGET = { type: "module", path: "/app/evals/support.eval.ts" } as const;

const SUITE = parseConfig(
  `name: support-bot
dataset: data/cases.jsonl
target: { type: module, path: ./pipeline.ts }
repeats: 5
checks: [{ type: citations }]
judges: [judges/grounded.md]
gate: { min_pass_rate: { overall: 0.9 } }
`,
  "/app/suite/evalgate.yaml",
);

function configError(input: CodeConfig, base = false): ConfigError {
  try {
    resolveCodeConfig(input, { configFile: TEST_FILE, baseDir: "/app/evals", subject: "describeEval options", ...(base ? { base: SUITE } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveCodeConfig", () => {
  it("applies the suite file's defaults and resolves relative paths against the base directory", () => {
    const config = resolveCodeConfig(
      { name: "support", target: TARGET, judges: ["./judges/tone.md"], checks: [{ type: "json-schema", schema_file: "schemas/a.json" }] },
      { configFile: TEST_FILE, baseDir: "/app/evals" },
    );
    expect(config).toMatchObject({
      name: "support",
      configFile: TEST_FILE,
      configDir: "/app/evals",
      datasets: [],
      judges: ["/app/evals/judges/tone.md"],
      checks: [{ type: "json-schema", schema_file: "/app/evals/schemas/a.json" }],
      repeats: 3,
      concurrency: 4,
      timeout_ms: 60_000,
      max_error_rate: 0,
    });
  });

  it("takes every key the code leaves out from the suite, defaults included, and lets a given key replace the suite's", () => {
    const config = resolveCodeConfig({ name: "support", checks: [{ type: "contains", value: "refund" }], dataset: "./more.jsonl" }, { configFile: TEST_FILE, baseDir: "/app/evals", base: SUITE });
    expect(config).toMatchObject({
      name: "support",
      configFile: "/app/suite/evalgate.yaml",
      configDir: "/app/suite",
      datasets: ["/app/evals/more.jsonl"],
      target: { type: "module", path: "/app/suite/pipeline.ts" },
      repeats: 5,
      judges: ["/app/suite/judges/grounded.md"],
      checks: [{ type: "contains", value: "refund" }],
      gate: { min_pass_rate: { overall: 0.9 } },
    });
    expect(config.datasetSources).toBeUndefined();
  });

  it("treats a key set to undefined as not given", () => {
    const config = resolveCodeConfig({ repeats: undefined }, { configFile: TEST_FILE, baseDir: "/app/evals", base: SUITE });
    expect(config.repeats).toBe(5);
  });

  it("reports every problem with its path and the nearest valid key", () => {
    expect(configError({ name: "support", target: TARGET, repeats: 0, ...({ concurency: 2 } as object) }).message).toMatchInlineSnapshot(`
      "Invalid describeEval options in /app/evals/support.eval.ts#support:
        ✖ Expected a number >= 1, received 0
          → at repeats
        ✖ Unknown key "concurency" at top level. Did you mean "concurrency"?
          → at concurency"
    `);
  });

  it("needs a target when no suite supplies one", () => {
    expect(configError({ name: "support" }).issues.map((issue) => issue.path)).toEqual(["target"]);
  });
});
