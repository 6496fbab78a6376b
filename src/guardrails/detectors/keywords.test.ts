import { describe, expect, it } from "vitest";
import { matchKeywords } from "./keywords.js";

const found = (text: string, block: string[], caseSensitive?: boolean) =>
  (matchKeywords(text, { block, ...(caseSensitive === undefined ? {} : { caseSensitive }) }).spans ?? []).map((s) => text.slice(s.start, s.end));

describe("matchKeywords", () => {
  it.each([
    ["a whole word", "I want a refund now", ["refund"], ["refund"]],
    ["any case by default", "REFUND please, Refund!", ["refund"], ["REFUND", "Refund"]],
    ["a phrase across whitespace", "send a wire\n  transfer today", ["wire transfer"], ["wire\n  transfer"]],
    ["the longest of two overlapping phrases", "visit new york city", ["new york", "new york city"], ["new york city"]],
    ["a keyword ending in symbols", "I code in c++ daily", ["c++"], ["c++"]],
    ["a keyword next to punctuation", "(refund).", ["refund"], ["refund"]],
    ["a non-Latin word", "Хочу вернуть деньги", ["вернуть"], ["вернуть"]],
    ["regex characters literally", "costs $5.00 (approx)", ["$5.00 (approx)"], ["$5.00 (approx)"]],
    ["a hyphenated keyword", "it's a know-how thing", ["know-how"], ["know-how"]],
  ])("blocks %s", (_, text, block, expected) => {
    expect(found(text, block)).toEqual(expected);
  });

  it.each([
    ["inside a longer word", "the refunded amount", ["refund"]],
    ["as a prefix of a word", "refundable tickets", ["refund"]],
    ["at a different case when case-sensitive", "REFUND", ["refund"], true],
    ["a phrase split by other words", "wire the money by transfer", ["wire transfer"]],
    ["blank keywords", "anything at all", ["", "  "]],
  ])("does not block %s", (_, text, block, caseSensitive?: boolean) => {
    expect(matchKeywords(text, { block, ...(caseSensitive === undefined ? {} : { caseSensitive }) })).toEqual({ triggered: false });
  });

  it("names the blocked keywords that appeared, once each", () => {
    expect(matchKeywords("Refund? refund! and a chargeback", { block: ["refund", "chargeback", "lawsuit"] }).reason).toMatchInlineSnapshot(`"blocked keywords "refund" and "chargeback""`);
  });

  it("triggers when an allow list is given and none of it appears", () => {
    const allow = ["order", "delivery", "invoice", "refund"];
    expect(matchKeywords("Where is my order?", { allow })).toEqual({ triggered: false });
    expect(matchKeywords("Tell me a joke", { allow })).toMatchInlineSnapshot(`
      {
        "reason": "none of the allowed keywords appears ("order", "delivery", "invoice" and 1 more)",
        "triggered": true,
      }
    `);
  });

  it("checks the block list before the allow list", () => {
    expect(matchKeywords("refund my order", { block: ["refund"], allow: ["order"] }).triggered).toBe(true);
  });

  it("does not trigger with empty lists", () => {
    expect(matchKeywords("anything", {})).toEqual({ triggered: false });
    expect(matchKeywords("anything", { block: [], allow: [] })).toEqual({ triggered: false });
  });

  it("gives the same answer on repeated calls with one list", () => {
    const block = ["refund"];
    expect([1, 2, 3].map(() => matchKeywords("a refund", { block }).triggered)).toEqual([true, true, true]);
  });
});
