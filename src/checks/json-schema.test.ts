import { describe, expect, it } from "vitest";
import { runCheck } from "../../tests/support/check-harness.js";
import { ConfigError } from "../errors.js";
import { compileJsonSchema, scoreJsonSchema } from "./json-schema.js";

const ORDER_SCHEMA = {
  type: "object",
  required: ["id", "items"],
  additionalProperties: false,
  properties: {
    id: { type: "string" },
    email: { type: "string", format: "email" },
    items: { type: "array", items: { type: "object", properties: { price: { type: "number" } }, required: ["price"] } },
  },
};

describe("scoreJsonSchema", () => {
  const validate = compileJsonSchema(ORDER_SCHEMA, "schema");

  it("passes a conforming value", () => {
    expect(scoreJsonSchema({ id: "A1", items: [{ price: 3 }] }, validate).outcome).toBe("pass");
  });

  it("lists every failing JSON path with its message", () => {
    const verdict = scoreJsonSchema({ items: [{ price: "3" }], extra: true }, validate);
    expect(verdict).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "/ must have required property 'id'; / must NOT have additional properties ("extra"); /items/0/price must be number",
      }
    `);
  });

  it("checks formats (ajv-formats)", () => {
    expect(scoreJsonSchema({ id: "A1", items: [], email: "not-an-email" }, validate).reason).toMatchInlineSnapshot(`"/email must match format "email""`);
  });

  it("follows $schema to the 2020-12 draft (prefixItems)", () => {
    const tuple = compileJsonSchema(
      { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }, { type: "number" }] },
      "schema",
    );
    expect([scoreJsonSchema(["a", 1], tuple).outcome, scoreJsonSchema([1, "a"], tuple).outcome]).toEqual(["pass", "fail"]);
  });

  it("rejects an invalid schema at build time on the given field", () => {
    const error = (() => {
      try {
        compileJsonSchema({ type: "strnig" }, "schema");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe("schema");
  });
});

describe("json-schema check", () => {
  it("parses a JSON text output before validating", async () => {
    const verdict = await runCheck({ type: "json-schema", schema: ORDER_SCHEMA }, { output: '{"id": "A1", "items": [{"price": 2.5}]}' });
    expect(verdict.outcome).toBe("pass");
  });

  it("fails on a text output that is not JSON", async () => {
    expect((await runCheck({ type: "json-schema", schema: ORDER_SCHEMA }, { output: "Order A1" })).outcome).toBe("fail");
  });

  it("validates the value at `field`", async () => {
    const verdict = await runCheck({ type: "json-schema", schema: { type: "number" }, field: "total" }, { output: '{"total": "12"}' });
    expect(verdict).toEqual({ outcome: "fail", reason: "/total must be number" });
  });
});
