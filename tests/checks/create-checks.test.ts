import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createChecks, type Check, type UserCheckConfig } from "../../src/checks/index.js";
import { CheckConfigSchema } from "../../src/config/index.js";
import { ConfigError } from "../../src/errors.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/checks/", import.meta.url));

async function build(configs: UserCheckConfig[]): Promise<Check[]> {
  return createChecks(
    configs.map((config) => CheckConfigSchema.parse(config)),
    { baseDir: FIXTURES, configFile: "suite/evalgate.yaml" },
  );
}

async function buildError(configs: UserCheckConfig[]): Promise<ConfigError> {
  const error = await build(configs).catch((e: unknown) => e);
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

const trial = (output: unknown, extra: { expected?: unknown } = {}) => ({ output, input: "q", latencyMs: 1, ...extra });

describe("createChecks: ids", () => {
  it("defaults ids to the type, numbering repeats and skipping explicit ids", async () => {
    const checks = await build([
      { type: "regex", pattern: "a" },
      { type: "regex", pattern: "b", id: "regex-2" },
      { type: "regex", pattern: "c" },
      { type: "json" },
      { type: "regex", pattern: "d" },
    ]);
    expect(checks.map((c) => c.id)).toEqual(["regex", "regex-2", "regex-3", "json", "regex-4"]);
  });

  it("rejects a duplicate explicit id, pointing at the second use", async () => {
    const error = await buildError([
      { type: "json", id: "shape" },
      { type: "contains", value: "x" },
      { type: "json", id: "shape" },
    ]);
    expect(error.issues).toMatchInlineSnapshot(`
      [
        {
          "message": "Duplicate check id "shape" (already used by checks[0]). Give each check a unique \`id\`.",
          "path": "checks[2].id",
        },
      ]
    `);
  });

  it("carries type and gating onto the built check", async () => {
    const [check] = await build([{ type: "json", gating: true }]);
    expect(check).toMatchObject({ id: "json", type: "json", gating: true });
  });
});

describe("createChecks: build errors are located at checks[<index>].<field>", () => {
  it("an invalid regex, with the full message a user sees", async () => {
    const error = await buildError([{ type: "json" }, { type: "regex", pattern: "[a-" }]);
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid suite config in suite/evalgate.yaml:
        ✖ Check "regex": invalid regular expression "[a-": missing closing ]: \`[a-\`. Write RE2 syntax (JavaScript's, less lookaround and backreferences) without surrounding slashes; in YAML, single-quote patterns containing backslashes.
          → at checks[1].pattern"
    `);
  });

  it("a missing JSON Schema file", async () => {
    const error = await buildError([{ type: "json-schema", schema_file: "nope.schema.json" }]);
    expect(error.issues[0]?.path).toBe("checks[0].schema_file");
    expect(error.issues[0]?.message.replace(FIXTURES, "<fixtures>/")).toMatchInlineSnapshot(`"JSON Schema file not found: <fixtures>/nope.schema.json. Expected a .json file; the path is relative to the suite config."`);
  });

  it("invalid JSON in a JSON Schema file", async () => {
    const error = await buildError([{ type: "json" }, { type: "json-schema", schema_file: "invalid-json.schema.json" }]);
    expect(error.issues[0]?.path).toBe("checks[1].schema_file");
    // The parser's own wording differs across Node versions; the frame around it is evalgate's.
    expect(error.issues[0]?.message.replace(FIXTURES, "<fixtures>/")).toMatch(
      /^JSON Schema file <fixtures>\/invalid-json\.schema\.json is not valid JSON: .+\. Fix the file's syntax\.$/,
    );
  });

  it("an inline schema that is not a valid JSON Schema", async () => {
    const error = await buildError([{ type: "json-schema", schema: { type: "strnig" } }]);
    expect(error.issues.map((i) => i.path)).toEqual(["checks[0].schema"]);
  });

  it("a module without the named export, listing what it does export", async () => {
    const error = await buildError([{ type: "json" }, { type: "zod", module: "order-schema.ts", export: "orderSchema" }]);
    expect(error.issues[0]?.path).toBe("checks[1].export");
    expect(error.issues[0]?.message.replace(FIXTURES, "<fixtures>/")).toMatchInlineSnapshot(`"zod check: module <fixtures>/order-schema.ts has no export "orderSchema" (it exports: notASchema, schema, strictSchema). Set \`export:\` to the name the module exports, or add that export."`);
  });

  it("a module file that does not exist", async () => {
    const error = await buildError([{ type: "custom", module: "missing-check.ts" }]);
    expect(error.issues.map((i) => i.path)).toEqual(["checks[0].module"]);
  });

  it("a module that fails to load", async () => {
    const error = await buildError([{ type: "zod", module: "broken-module.mjs" }]);
    expect(error.issues.map((i) => i.path)).toEqual(["checks[0].module"]);
  });

  it("an export that is not a zod schema", async () => {
    const error = await buildError([{ type: "zod", module: "order-schema.ts", export: "notASchema" }]);
    expect(error.issues[0]?.path).toBe("checks[0].export");
    expect(error.issues[0]?.message.replace(FIXTURES, "<fixtures>/")).toMatchInlineSnapshot(`"Export "notASchema" of <fixtures>/order-schema.ts is an object, not a zod schema. Export one, e.g. \`export const notASchema = z.object({ … })\`."`);
  });

  it("a custom check export that is not a function", async () => {
    const error = await buildError([{ type: "custom", module: "answer-checks.ts", export: "notAFunction" }]);
    expect(error.issues.map((i) => i.path)).toEqual(["checks[0].export"]);
  });

  it("every problem at once, in config order", async () => {
    const error = await buildError([
      { type: "regex", pattern: "(" },
      { type: "json", id: "dup" },
      { type: "json-schema", schema_file: "nope.json" },
      { type: "json", id: "dup" },
    ]);
    expect(error.issues.map((i) => i.path)).toEqual(["checks[0].pattern", "checks[2].schema_file", "checks[3].id"]);
  });
});

describe("json-schema check from a file", () => {
  it("validates against a 2020-12 schema file, listing failing paths", async () => {
    const [check] = await build([{ type: "json-schema", schema_file: "answer.schema.json" }]);
    expect(await check?.run(trial('{"answer": "Yes", "sources": ["kb-1"]}'))).toEqual({ outcome: "pass", reason: "matches the JSON Schema" });
    expect((await check?.run(trial({ answer: "", sources: [] })))?.reason).toMatchInlineSnapshot(`"/answer must NOT have fewer than 1 characters; /sources must NOT have fewer than 1 items"`);
  });

  it("reads YAML schema files", async () => {
    const [check] = await build([{ type: "json-schema", schema_file: "answer.schema.yaml" }]);
    expect((await check?.run(trial({ answer: 3 })))?.outcome).toBe("fail");
  });

  it("takes an absolute schema_file as is", async () => {
    const [check] = await build([{ type: "json-schema", schema_file: `${FIXTURES}answer.schema.yaml` }]);
    expect((await check?.run(trial({ answer: "ok" })))?.outcome).toBe("pass");
  });
});

describe("zod check", () => {
  it("passes a conforming output and lists failing paths otherwise", async () => {
    const [check] = await build([{ type: "zod", module: "order-schema.ts" }]);
    const good = { order_id: "A12", status: "shipped", items: [{ sku: "n1", price: 6 }] };
    expect((await check?.run(trial(JSON.stringify(good))))?.outcome).toBe("pass");
    const bad = await check?.run(trial({ order_id: "B12", status: "lost", items: [{ sku: "n1", price: -1 }] }));
    expect(bad).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "/order_id Invalid string: must match pattern /^A\\d+$/; /status Invalid option: expected one of "pending"|"shipped"|"delivered"; /items/0/price Too small: expected number to be >=0",
      }
    `);
  });

  it("uses the named export", async () => {
    const [check] = await build([{ type: "zod", module: "order-schema.ts", export: "strictSchema" }]);
    const extra = { order_id: "A12", status: "shipped", items: [], note: "x" };
    expect((await check?.run(trial(extra)))?.outcome).toBe("fail");
  });
});

describe("custom check", () => {
  it("uses the function's pass and reason", async () => {
    const [check] = await build([{ type: "custom", module: "answer-checks.ts" }]);
    expect(await check?.run(trial("Refunds take 14 days.", { expected: { keyword: "14 days" } }))).toEqual({ outcome: "pass", reason: 'mentions "14 days"' });
    expect(await check?.run(trial("Refunds take a while.", { expected: { keyword: "14 days" } }))).toEqual({ outcome: "fail", reason: 'does not mention "14 days"' });
  });

  it("accepts an async boolean", async () => {
    const [check] = await build([{ type: "custom", module: "answer-checks.ts", export: "isPolite" }]);
    expect((await check?.run(trial("Thanks for asking!")))?.outcome).toBe("pass");
    expect(await check?.run(trial("No."))).toEqual({ outcome: "fail", reason: "custom check returned false" });
  });

  it("turns a throw into an error outcome carrying the message", async () => {
    const [check] = await build([{ type: "custom", module: "answer-checks.ts", export: "explodes" }]);
    expect(await check?.run(trial("x"))).toEqual({ outcome: "error", reason: "custom check threw: lookup table missing" });
  });

  it("turns an unexpected return value into an error outcome", async () => {
    const [check] = await build([{ type: "custom", module: "answer-checks.ts", export: "returnsText" }]);
    expect(await check?.run(trial("x"))).toMatchInlineSnapshot(`
      {
        "outcome": "error",
        "reason": "custom check returned "looks fine"; expected true/false or { pass: boolean, reason?: string }",
      }
    `);
  });
});
