import { describe, expect, it } from "vitest";
import { compileUserPattern } from "../../checks/index.js";
import { matchPatterns } from "./patterns.js";

const re = (source: string, flags = "") => compileUserPattern(source, flags);

describe("matchPatterns", () => {
  it("blocks on a match and returns each non-empty match as a span", () => {
    const text = "ticket ABC-123 and ABC-456";
    const finding = matchPatterns(text, { block: [re("[A-Z]{3}-\\d{3}")] });
    expect(finding.triggered).toBe(true);
    expect(finding.spans?.map((s) => text.slice(s.start, s.end))).toEqual(["ABC-123", "ABC-456"]);
    expect(finding.reason).toMatchInlineSnapshot(`"matches blocked pattern "/[A-Z]{3}-\\\\d{3}/""`);
  });

  it("honours flags and reports spans of several patterns in text order", () => {
    const text = "Secret: x; password: y";
    const finding = matchPatterns(text, { block: [re("password", "i"), re("secret", "i")] });
    expect(finding.spans).toEqual([
      { start: 0, end: 6, label: "pattern" },
      { start: 11, end: 19, label: "pattern" },
    ]);
  });

  it("triggers on an empty match without a span", () => {
    expect(matchPatterns("abc", { block: [re("^")] })).toEqual({ triggered: true, spans: [], reason: 'matches blocked pattern "/^/"' });
  });

  it("does not trigger when no blocked pattern matches", () => {
    expect(matchPatterns("all fine", { block: [re("\\d{4}")] })).toEqual({ triggered: false });
  });

  it("triggers when an allow list is given and no pattern of it matches", () => {
    const allow = [re("^order #\\d+", "i"), re("delivery")];
    expect(matchPatterns("Order #42 is late", { allow })).toEqual({ triggered: false });
    expect(matchPatterns("hello", { allow }).reason).toMatchInlineSnapshot(`"matches none of the allowed patterns ("/^order #\\\\d+/i" and "/delivery/")"`);
  });

  it("offsets count UTF-16 units like String.prototype.indexOf", () => {
    const text = "😀 id=42";
    const [span] = matchPatterns(text, { block: [re("id=\\d+")] }).spans ?? [];
    expect(text.slice(span!.start, span!.end)).toBe("id=42");
  });
});
