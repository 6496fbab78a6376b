import { describe, expect, it } from "vitest";
import { excerpt, excerptAround, show } from "./excerpt.js";

describe("excerpt", () => {
  it("quotes short text whole and escapes newlines", () => {
    expect(excerpt("line one\nline two")).toBe('"line one\\nline two"');
  });

  it("truncates long text to the limit with an ellipsis, counting code points", () => {
    expect(excerpt("👍".repeat(10), 5)).toBe(`"${"👍".repeat(4)}…"`);
  });
});

describe("excerptAround", () => {
  it("centres on the match and marks both cut ends", () => {
    const text = `${"a".repeat(50)}MATCH${"b".repeat(50)}`;
    expect(excerptAround(text, 50, 5, 3)).toBe('"…aaaMATCHbbb…"');
  });
});

describe("show", () => {
  it("renders objects as compact JSON and truncates them", () => {
    expect(show({ a: 1 })).toBe('{"a":1}');
    expect(show({ long: "x".repeat(100) }, 12)).toBe('{"long":"xx…');
  });
});
