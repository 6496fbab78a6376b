import { describe, expect, it } from "vitest";
import { argumentMismatch, findInvalidRegexLiteral } from "./match-arguments.js";

describe("argumentMismatch", () => {
  it.each([
    { actual: { order_id: "A1", verbose: true }, expected: { order_id: "A1" }, matches: true },
    { actual: { order_id: "A1234" }, expected: { order_id: "/^A\\d+$/" }, matches: true },
    { actual: { order_id: "a1234" }, expected: { order_id: "/^A\\d+$/i" }, matches: true },
    { actual: { order_id: "B1" }, expected: { order_id: "/^A\\d+$/" }, matches: false },
    { actual: { limit: 10 }, expected: { limit: "/^\\d+$/" }, matches: true },
    { actual: { filter: { status: "open", owner: "me" } }, expected: { filter: { status: "open" } }, matches: true },
    { actual: { tags: ["a", "b"] }, expected: { tags: ["a", "b"] }, matches: true },
    { actual: { tags: ["a", "b", "c"] }, expected: { tags: ["a", "b"] }, matches: false },
    { actual: { limit: "10" }, expected: { limit: 10 }, matches: false },
    { actual: {}, expected: { path: "/" }, matches: false },
  ])("$actual against $expected → matches: $matches", ({ actual, expected, matches }) => {
    expect(argumentMismatch(actual, expected) === undefined).toBe(matches);
  });

  it("names the first differing argument by its dotted path", () => {
    expect(argumentMismatch({ filter: { status: "closed" } }, { filter: { status: "open" } })).toMatchInlineSnapshot(`"filter.status: expected "open", got "closed""`);
    expect(argumentMismatch({}, { order_id: "/^A/" })).toMatchInlineSnapshot(`"order_id: missing (expected "/^A/")"`);
  });
});

describe("findInvalidRegexLiteral", () => {
  it("locates an invalid /…/ value by its dotted path", () => {
    expect(findInvalidRegexLiteral({ filter: { id: "/(/" } })).toMatchObject({ path: "filter.id" });
  });

  it("accepts plain strings and valid regexes", () => {
    expect(findInvalidRegexLiteral({ a: "/^x$/", b: "plain", c: [1, "/y/"] })).toBeUndefined();
  });
});
