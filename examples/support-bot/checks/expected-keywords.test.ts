import { describe, expect, it } from "vitest";
import { scoreCustom } from "evalgate";
import expectedKeywords from "./expected-keywords.js";

const score = (output: string, expected?: unknown) => scoreCustom(expectedKeywords, { output, input: "", expected, latencyMs: 0 });

describe("expected-keywords check", () => {
  it("passes when every keyword appears, ignoring case", async () => {
    expect((await score("Refunds within 14 DAYS [kb-billing-refunds].", { keywords: ["14 days", "refunds"] })).outcome).toBe("pass");
  });

  it("fails naming the keywords that are missing", async () => {
    expect(await score("Erased within 30 days.", { keywords: ["90 days", "35 days"] })).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "missing expected "90 days", "35 days"",
      }
    `);
  });

  it("passes cases without expected keywords", async () => {
    expect((await score("Sorry, I can only help with Acme Cloud Notes.", undefined)).outcome).toBe("pass");
    expect((await score("Sorry.", { facts: "no keywords here" })).outcome).toBe("pass");
  });
});
