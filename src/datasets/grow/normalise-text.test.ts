import { describe, expect, it } from "vitest";
import { inputKey, normaliseText } from "./normalise-text.js";

describe("normaliseText", () => {
  it.each([
    ["Can I get a REFUND?", "can i get a refund"],
    ["  can i get   a refund!!  ", "can i get a refund"],
    ["Can I get a refund…", "can i get a refund"],
    // NFKC folds full-width letters and the fi ligature.
    ["Ｃａｎ I ﬁle a refund?", "can i file a refund"],
    ["Plus costs $6, right?", "plus costs $6 right"],
    ["line\nbreak\ttab", "line break tab"],
  ])("%j → %j", (text, expected) => {
    expect(normaliseText(text)).toBe(expected);
  });

  it("keeps word order and spelling: a paraphrase is a different text", () => {
    expect(normaliseText("refund my plan")).not.toBe(normaliseText("my plan refund"));
  });
});

describe("inputKey", () => {
  it("treats conversations equal up to spacing, case and key order", () => {
    const a = [{ role: "user", content: "Hello, can I export notes?" }];
    const b = [{ content: "hello can i export notes", role: "user" }];
    expect(inputKey(a)).toBe(inputKey(b));
  });

  it("keeps structured inputs with different values apart", () => {
    expect(inputKey({ question: "refund?", plan: "plus" })).not.toBe(inputKey({ question: "refund?", plan: "team" }));
  });

  it("never confuses a string with the same text inside a conversation", () => {
    expect(inputKey("hi")).not.toBe(inputKey([{ role: "user", content: "hi" }]));
  });
});
