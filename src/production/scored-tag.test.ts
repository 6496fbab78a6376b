import { describe, expect, it } from "vitest";
import { readScoredTag, SCORED_TAG, unscored } from "./scored-tag.js";

describe("the evalgate.scored tag", () => {
  it("lists the scorers whose current version is missing", () => {
    const scored = readScoredTag({ [SCORED_TAG]: JSON.stringify({ short: "check-1", judge: "abc" }) });
    expect(unscored({ short: "check-1", judge: "abc" }, scored)).toEqual([]);
    expect(unscored({ short: "check-2", judge: "abc", fresh: "v1" }, scored)).toEqual(["short", "fresh"]);
    expect(unscored({ short: "check-1" }, undefined)).toEqual(["short"]);
  });

  it("ignores a tag that is not a JSON object", () => {
    expect(readScoredTag({ [SCORED_TAG]: "not json" })).toBeUndefined();
    expect(readScoredTag({ [SCORED_TAG]: "[1]" })).toBeUndefined();
    expect(readScoredTag({})).toBeUndefined();
  });
});
