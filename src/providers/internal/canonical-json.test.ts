import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members, keeping array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":0,"z":1}]},"b":1}');
  });
});
