import { describe, expect, it } from "vitest";
import { findTokenShapes, redactTokenShapes } from "./token-shapes.js";

// Token-shaped values are built at run time so no token-like literal is committed.
const hex = "0123456789abcdef";
const SHAPED = {
  "openai-key": `sk-proj-${hex}${hex}`,
  "anthropic-key": `sk-ant-api03-${hex}${hex}`,
  "databricks-token": `dapi${hex}${hex}`,
  "github-token": `ghp_${"aB3".repeat(12)}`,
  "slack-token": `xoxb-${"1234".repeat(4)}-abc`,
  "aws-access-key": `AKIA${"ABCD2345".repeat(2)}`,
  jwt: `eyJ${"hbGciOiJ".repeat(2)}.eyJ${"zdWIiOiI".repeat(2)}.${"SflKxwRJ".repeat(2)}`,
  bearer: `Bearer ${hex}${hex}`,
};

describe("token shapes", () => {
  it.each(Object.entries(SHAPED))("finds and redacts a %s", (kind, token) => {
    const text = `before ${token} after`;
    expect(findTokenShapes(text)).toEqual({ [kind]: 1 });
    expect(redactTokenShapes(text)).toBe(`before [redacted:${kind}] after`);
  });

  it("leaves ordinary words with the same prefixes alone", () => {
    const text = "task-list sk-learn-pipeline risk-assessment dapi Bearer token xoxo eyJ AKIA";
    expect(findTokenShapes(text)).toEqual({});
    expect(redactTokenShapes(text)).toBe(text);
  });
});
