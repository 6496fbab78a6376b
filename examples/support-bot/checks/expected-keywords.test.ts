import { describe, expect, it } from "vitest";
import expectedKeywords from "./expected-keywords.js";

const trial = (output: string, expected?: unknown) => expectedKeywords({ output, input: "", expected, latencyMs: 0 });

describe("expected-keywords check", () => {
  it("passes when every keyword appears, ignoring case", () => {
    expect(trial("Refunds within 14 DAYS [kb-billing-refunds].", { keywords: ["14 days", "refunds"] }).pass).toBe(true);
  });

  it("fails naming the keywords that are missing", () => {
    expect(trial("Erased within 30 days.", { keywords: ["90 days", "35 days"] })).toMatchInlineSnapshot(`
      {
        "pass": false,
        "reason": "missing expected "90 days", "35 days"",
      }
    `);
  });

  it("passes cases without expected keywords", () => {
    expect(trial("Sorry, I can only help with Acme Cloud Notes.", undefined).pass).toBe(true);
    expect(trial("Sorry.", { facts: "no keywords here" }).pass).toBe(true);
  });
});
