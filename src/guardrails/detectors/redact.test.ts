import { describe, expect, it } from "vitest";
import { findPii } from "./pii.js";
import { redactSpans } from "./redact.js";

describe("redactSpans", () => {
  it.each([
    ["no spans", "hello", [], "hello"],
    ["one span", "mail a@b.io now", [{ start: 5, end: 11, label: "EMAIL" }], "mail [EMAIL] now"],
    [
      "spans given out of order",
      "a@b.io and 1.2.3.4",
      [
        { start: 11, end: 18, label: "IP_ADDRESS" },
        { start: 0, end: 6, label: "EMAIL" },
      ],
      "[EMAIL] and [IP_ADDRESS]",
    ],
    [
      "overlapping spans, named by the first",
      "see https://x.test/a@b.io ok",
      [
        { start: 4, end: 25, label: "URL" },
        { start: 19, end: 25, label: "EMAIL" },
      ],
      "see [URL] ok",
    ],
    [
      "a chain of overlaps merged into one",
      "0123456789",
      [
        { start: 0, end: 4, label: "A" },
        { start: 3, end: 7, label: "B" },
        { start: 6, end: 9, label: "C" },
      ],
      "[A]9",
    ],
    [
      "adjacent spans kept apart",
      "abcdef",
      [
        { start: 0, end: 3, label: "X" },
        { start: 3, end: 6, label: "Y" },
      ],
      "[X][Y]",
    ],
    [
      "the longer of two spans starting together",
      "abcdef",
      [
        { start: 0, end: 2, label: "SHORT" },
        { start: 0, end: 5, label: "LONG" },
      ],
      "[LONG]f",
    ],
    [
      "out-of-range and empty spans",
      "abc",
      [
        { start: 2, end: 99, label: "X" },
        { start: 1, end: 1, label: "EMPTY" },
      ],
      "ab[X]",
    ],
  ])("%s", (_, text, spans, expected) => {
    expect(redactSpans(text, spans)).toBe(expected);
  });

  it("redacts what findPii finds", () => {
    const text = "I'm jane@example.com, card 4111 1111 1111 1111, call +44 20 7946 0958.";
    expect(redactSpans(text, findPii(text))).toBe("I'm [EMAIL], card [CREDIT_CARD], call [PHONE].");
  });
});
