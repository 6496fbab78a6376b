import { describe, expect, it } from "vitest";
import { checkLength } from "./length.js";

describe("checkLength", () => {
  it.each([
    ["within both limits", "hello", { min: 1, max: 10 }, false],
    ["exactly at max", "hello", { max: 5 }, false],
    ["exactly at min", "hello", { min: 5 }, false],
    ["over max", "hello!", { max: 5 }, true],
    ["under min", "", { min: 1 }, true],
    ["with no limits", "anything", {}, false],
    ["counting an emoji once", "😀😀", { max: 2 }, false],
  ])("%s", (_, text, limits, triggered) => {
    expect(checkLength(text, limits).triggered).toBe(triggered);
  });

  it("says the length and the range", () => {
    expect(checkLength("too long", { min: 1, max: 3 }).reason).toMatchInlineSnapshot(`"8 characters, expected ≥ 1 and ≤ 3"`);
  });
});
