import { describe, expect, it } from "vitest";
import { interpolateEnv } from "./env-interpolation.js";

describe("interpolateEnv", () => {
  it("replaces ${VAR} references and leaves other text alone", () => {
    const result = interpolateEnv(
      { Authorization: "Bearer ${API_TOKEN}", "X-Team": "search-${TEAM}-${TEAM}", Accept: "application/json" },
      { API_TOKEN: "t0k", TEAM: "blue" },
    );
    expect(result).toEqual({
      values: { Authorization: "Bearer t0k", "X-Team": "search-blue-blue", Accept: "application/json" },
      missing: [],
    });
  });

  it("reports each missing or empty variable once, by name", () => {
    const result = interpolateEnv({ a: "${MISSING} ${EMPTY}", b: "${MISSING}", c: "$NOT_A_REFERENCE" }, { EMPTY: "" });
    expect(result.missing).toEqual(["MISSING", "EMPTY"]);
    expect(result.values.c).toBe("$NOT_A_REFERENCE");
  });
});
