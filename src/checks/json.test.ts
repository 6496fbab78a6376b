import { describe, expect, it } from "vitest";
import { runCheck } from "../../tests/support/check-harness.js";

describe("json check", () => {
  it.each([
    { output: '{"answer": "yes"}', outcome: "pass" },
    { output: "[1, 2]", outcome: "pass" },
    { output: { answer: "yes" }, outcome: "pass" },
    { output: "Sure! Here is the JSON: {", outcome: "fail" },
    { output: "", outcome: "fail" },
  ])("$output → $outcome", async ({ output, outcome }) => {
    expect((await runCheck({ type: "json" }, { output })).outcome).toBe(outcome);
  });

  it("with `field`, requires the value there to be JSON", async () => {
    const config = { type: "json", field: "payload" } as const;
    expect((await runCheck(config, { output: { payload: '{"a": 1}' } })).outcome).toBe("pass");
    expect((await runCheck(config, { output: { payload: "not json" } })).outcome).toBe("fail");
    // A missing field is the output's fault, like text that is not JSON.
    expect((await runCheck(config, { output: { other: 1 } })).outcome).toBe("fail");
  });
});
