import { describe, expect, it } from "vitest";
import { parseDimensions } from "./load-dimensions.js";

describe("parseDimensions", () => {
  it("reads values as a list or as value → description", () => {
    const loaded = parseDimensions(
      ["description: A notes app.", "dimensions:", "  persona:", "    description: who writes", "    values:", "      new-customer: just signed up", "      admin: runs a team", "  goal:", "    values: [refund, export]"].join("\n"),
      "/x/dims.yaml",
    );
    expect(loaded.dimensions).toEqual([
      { name: "persona", description: "who writes", values: [{ value: "new-customer", description: "just signed up" }, { value: "admin", description: "runs a team" }] },
      { name: "goal", values: [{ value: "refund" }, { value: "export" }] },
    ]);
  });

  it("reports every problem with its YAML line", () => {
    const text = ["description: A notes app.", "dimensions:", "  persona:", "    values: [New Customer, admin, admin]", "    descripton: who", "  goal:", "    values: []"].join("\n");
    expect(() => parseDimensions(text, "/x/dims.yaml")).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Invalid dimensions file in /x/dims.yaml:
        ✖ A value must be lowercase letters, digits, "-" or "_" (it becomes a tag such as "persona:new-customer") (line 4)
          → at dimensions.persona.values[0]
        ✖ List each value once (line 4)
          → at dimensions.persona.values
        ✖ Unknown key "descripton" in dimensions.persona. Did you mean "description"? (line 5)
          → at dimensions.persona.descripton
        ✖ List at least one value (line 7)
          → at dimensions.goal.values]
    `);
  });

  it("asks for a product description and at least one dimension", () => {
    expect(() => parseDimensions("dimensions: {}\n", "/x/dims.yaml")).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Invalid dimensions file in /x/dims.yaml:
        ✖ Missing required key "description" (expected string) (line 1)
          → at description
        ✖ List at least one dimension, e.g. persona: { values: [new-customer, admin] } (line 1)
          → at dimensions]
    `);
  });
});
