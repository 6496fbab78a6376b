import { describe, expect, it } from "vitest";
import { runCheck } from "../../tests/support/check-harness.js";
import { normaliseText, scoreEquals, type Normalisation } from "./equals.js";

const DEFAULTS: Normalisation = { trim: true, caseSensitive: false, collapseWhitespace: true, stripPunctuation: false };

describe("normaliseText", () => {
  it.each([
    { text: "  Paris \n", n: DEFAULTS, normalised: "paris" },
    { text: "New   York\tCity", n: DEFAULTS, normalised: "new york city" },
    { text: "Paris.", n: { ...DEFAULTS, stripPunctuation: true }, normalised: "paris" },
    { text: "Paris.", n: DEFAULTS, normalised: "paris." },
    { text: " Paris ", n: { ...DEFAULTS, trim: false, caseSensitive: true }, normalised: " Paris " },
  ])("$text → $normalised", ({ text, n, normalised }) => {
    expect(normaliseText(text, n)).toBe(normalised);
  });
});

describe("scoreEquals", () => {
  it.each([
    { actual: "  paris ", expected: "Paris", outcome: "pass" },
    { actual: "Lyon", expected: "Paris", outcome: "fail" },
    { actual: "42", expected: 42, outcome: "pass" },
    { actual: '{"city": "PARIS", "zip": 75001}', expected: { city: "Paris", zip: 75001 }, outcome: "pass" },
    { actual: { zip: 75001, city: "paris" }, expected: { city: "Paris", zip: 75001 }, outcome: "pass" },
    { actual: { city: "Paris" }, expected: { city: "Paris", zip: 75001 }, outcome: "fail" },
    { actual: [1, 2], expected: [1, 2, 3], outcome: "fail" },
  ])("$actual vs $expected → $outcome", ({ actual, expected, outcome }) => {
    expect(scoreEquals(actual, expected, DEFAULTS).outcome).toBe(outcome);
  });

  it("locates the first difference inside objects", () => {
    expect(scoreEquals({ items: [{ price: "3" }] }, { items: [{ price: 3 }] }, DEFAULTS).reason).toMatchInlineSnapshot(`"at /items/0/price: expected 3, got "3""`);
  });

  it("fails, showing the text, when an object is expected but the output is not JSON", () => {
    expect(scoreEquals("Paris", { city: "Paris" }, DEFAULTS)).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "output is not valid JSON (Unexpected token 'P', "Paris" is not valid JSON): "Paris"",
      }
    `);
  });
});

describe("equals check", () => {
  it("compares with the part of expected named by expected_field", async () => {
    const verdict = await runCheck({ type: "equals", expected_field: "answer" }, { output: "Paris", expected: { answer: "paris", notes: "capital" } });
    expect(verdict.outcome).toBe("pass");
  });

  it("is an error when the case has no expected value", async () => {
    expect(await runCheck({ type: "equals" }, { output: "Paris" })).toMatchInlineSnapshot(`
      {
        "outcome": "error",
        "reason": "case has no \`expected\` value to compare with (add \`expected\` to the case)",
      }
    `);
  });

  it("is an error when expected_field is missing from expected", async () => {
    expect((await runCheck({ type: "equals", expected_field: "answer" }, { output: "Paris", expected: { facts: "x" } })).outcome).toBe("error");
  });

  it("compares the value at `field` of an object output", async () => {
    const verdict = await runCheck({ type: "equals", field: "answer", strip_punctuation: true }, { output: { answer: "Paris!" }, expected: "Paris" });
    expect(verdict.outcome).toBe("pass");
  });
});
