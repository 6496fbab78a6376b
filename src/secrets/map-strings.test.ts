import { describe, expect, it } from "vitest";
import { mapStrings } from "./map-strings.js";

const upper = (text: string) => (text.includes("secret") ? text.replaceAll("secret", "[x]") : text);

describe("mapStrings", () => {
  it("applies fn to every string, keys included, and keeps other values", () => {
    const date = new Date(0);
    const input = { a: "a secret", secret: [1, null, "secret!", { deep: "secret" }], n: 2, when: date };
    expect(mapStrings(input, upper)).toEqual({ a: "a [x]", "[x]": [1, null, "[x]!", { deep: "[x]" }], n: 2, when: date });
  });

  it("leaves the input untouched", () => {
    const input = { list: ["secret", "plain"], inner: { key: "secret" } };
    mapStrings(input, upper);
    expect(input).toEqual({ list: ["secret", "plain"], inner: { key: "secret" } });
  });

  it("returns arrays and objects fn changed nothing in as they are, and copies the rest", () => {
    const untouched = { plain: ["a", "b"], nested: { x: "y" } };
    const input = { untouched, changed: ["plain", "secret"] };
    const out = mapStrings(input, upper);
    expect(out).not.toBe(input);
    expect(out.untouched).toBe(untouched);
    expect(out.changed).not.toBe(input.changed);
    expect(out.changed).toEqual(["plain", "[x]"]);
    expect(mapStrings(untouched, upper)).toBe(untouched);
  });

  it("keeps key order when a key is rewritten", () => {
    expect(Object.keys(mapStrings({ first: 1, secret: 2, last: 3 }, upper))).toEqual(["first", "[x]", "last"]);
  });
});
