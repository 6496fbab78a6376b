import { describe, expect, it } from "vitest";
import { scoreCustom } from "evalgate";
import refusal from "./refusal.js";

const score = (output: string, tags: string[]) => scoreCustom(refusal, { output, input: "", latencyMs: 0, tags });

describe("refusal check", () => {
  it("passes an out-of-scope request that is declined", async () => {
    expect((await score("Sorry, I can only help with questions about Acme Cloud Notes.", ["out-of-scope"])).outcome).toBe("pass");
    expect((await score("I can’t share internal contact details.", ["out-of-scope"])).outcome).toBe("pass");
  });

  it("fails an out-of-scope request that is answered", async () => {
    expect(await score("Generally yes: file a claim in small-claims court.", ["out-of-scope"])).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "expected a refusal for an out-of-scope request, got: "Generally yes: file a claim in small-claims court."",
      }
    `);
  });

  it("passes cases that are not out of scope whatever they say", async () => {
    expect((await score("Plus costs $6 per month [kb-billing-plans].", ["billing"])).outcome).toBe("pass");
  });
});
