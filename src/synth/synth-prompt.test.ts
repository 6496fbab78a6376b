import { describe, expect, it } from "vitest";
import { SynthReplySchema, synthMessages, synthReplyJsonSchema } from "./synth-prompt.js";

const spec = {
  description: "A notes app.",
  instructions: "One sentence.",
  dimensions: [
    { name: "persona", description: "who writes", values: [{ value: "admin", description: "runs a team" }] },
    { name: "goal", values: [{ value: "refund" }] },
  ],
};

describe("synthMessages", () => {
  it("describes the product, the guidance and each dimension's value with its meaning", () => {
    const [, user] = synthMessages(spec, { key: "admin.refund", values: { persona: "admin", goal: "refund" }, occurrence: 0 });
    expect(user?.content).toMatchInlineSnapshot(`
      "The product:
      A notes app.

      Guidance for every message:
      One sentence.

      Write the message of this user:
      - persona (who writes): admin — runs a team
      - goal: refund"
    `);
  });

  it("asks a repeated combination for something different", () => {
    const [, user] = synthMessages(spec, { key: "admin.refund", values: { persona: "admin", goal: "refund" }, occurrence: 2 });
    expect(user?.content.split("\n\n").at(-1)).toBe("This user has been written 2 times already: ask something different this time.");
  });
});

describe("the reply schema", () => {
  it("is a strict object with one string, as structured output needs", () => {
    expect(synthReplyJsonSchema()).toEqual({ type: "object", properties: { query: { type: "string" } }, required: ["query"], additionalProperties: false });
    expect(SynthReplySchema.safeParse({ query: "  " }).success).toBe(false);
  });
});
