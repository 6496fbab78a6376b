import { describe, expect, it } from "vitest";
import { interpolateEnv } from "./env-interpolation.js";

describe("interpolateEnv", () => {
  it("replaces ${VAR} references, leaves other text alone and lists what came from the environment as secret", () => {
    const result = interpolateEnv(
      { Authorization: "Bearer ${API_TOKEN}", "X-Team": "search-${TEAM}-${TEAM}", Accept: "application/json" },
      { API_TOKEN: "t0k3n", TEAM: "blue" },
    );
    expect(result).toEqual({
      values: { Authorization: "Bearer t0k3n", "X-Team": "search-blue-blue", Accept: "application/json" },
      missing: [],
      secrets: ["t0k3n", "Bearer t0k3n", "blue", "search-blue-blue"],
      variables: { API_TOKEN: "t0k3n", TEAM: "blue" },
    });
  });

  it("reports each missing or empty variable once, by name", () => {
    const result = interpolateEnv({ a: "${MISSING} ${EMPTY}", b: "${MISSING}", c: "$NOT_A_REFERENCE" }, { EMPTY: "" });
    expect(result.missing).toEqual(["MISSING", "EMPTY"]);
    expect(result.values.c).toBe("$NOT_A_REFERENCE");
  });
});
