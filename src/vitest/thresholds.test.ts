import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { expandThresholds } from "./thresholds.js";

const METRICS = ["overall", "cites-source", "cites-page", "grounded", "tag:refunds"];
const WHERE = { file: "/app/support.eval.ts#support", subject: "describeEval options" };

describe("expandThresholds", () => {
  it("expands globs over checks and judges but not tags, and a literal id beats a glob", () => {
    const floors = { "cites-*": 0.8, "cites-page": 0.95, "*": 0.5, "tag:*": 0.7 };
    expect(expandThresholds(floors, "lower_bound", METRICS, WHERE).map((t) => [t.metric, t.floor])).toEqual([
      ["overall", 0.5],
      ["cites-source", 0.5],
      ["cites-page", 0.95],
      ["grounded", 0.5],
      ["tag:refunds", 0.7],
    ]);
  });

  it("refuses an id that names no metric before anything runs, suggesting the nearest", () => {
    let error: unknown;
    try {
      expandThresholds({ grounding: 0.9, "tone-*": 0.8 }, "estimate", METRICS, WHERE);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatchInlineSnapshot(`
      "Invalid describeEval options in /app/support.eval.ts#support:
        ✖ No metric "grounding" in this eval. Did you mean "grounded"? Metrics: overall, cites-source, cites-page, grounded, tag:refunds
          → at threshold["grounding"]
        ✖ "tone-*" matches no metric. Metrics: overall, cites-source, cites-page, grounded, tag:refunds
          → at threshold["tone-*"]"
    `);
  });
});
