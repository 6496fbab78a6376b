import { describe, expect, it } from "vitest";
import refusal from "./refusal.js";

const trial = (output: string, tags: string[]) => refusal({ output, input: "", latencyMs: 0, tags });

describe("refusal check", () => {
  it("passes an out-of-scope request that is declined", () => {
    expect(trial("Sorry, I can only help with questions about Acme Cloud Notes.", ["out-of-scope"]).pass).toBe(true);
    expect(trial("I can’t share internal contact details.", ["out-of-scope"]).pass).toBe(true);
  });

  it("fails an out-of-scope request that is answered", () => {
    expect(trial("Generally yes: file a claim in small-claims court.", ["out-of-scope"])).toMatchInlineSnapshot(`
      {
        "pass": false,
        "reason": "expected a refusal for an out-of-scope request, got: "Generally yes: file a claim in small-claims court."",
      }
    `);
  });

  it("passes cases that are not out of scope whatever they say", () => {
    expect(trial("Plus costs $6 per month [kb-billing-plans].", ["billing"]).pass).toBe(true);
  });
});
