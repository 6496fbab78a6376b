import { describe, expect, it } from "vitest";
import { buildCheck, runCheck } from "../../tests/support/check-harness.js";
import { ConfigError } from "../errors.js";
import { scoreToolCalls, type ToolCallExpectation } from "./tool-call.js";

const search = { name: "search_kb", arguments: { query: "refunds" } };
const lookup = { name: "lookup_order", arguments: { order_id: "A1234" } };
const refund = { name: "issue_refund", arguments: '{"order_id": "A1234", "amount": 60}' };

function expectation(calls: ToolCallExpectation["calls"], order: ToolCallExpectation["order"] = "any", allowExtra = true): ToolCallExpectation {
  return { calls, order, allowExtra };
}

describe("scoreToolCalls", () => {
  it.each([
    { made: [search, lookup], exp: expectation([{ name: "lookup_order" }]), outcome: "pass" },
    { made: [search], exp: expectation([{ name: "lookup_order" }]), outcome: "fail" },
    { made: [search, lookup], exp: expectation([{ name: "lookup_order" }], "any", false), outcome: "fail" },
    { made: [lookup, search], exp: expectation([{ name: "search_kb" }, { name: "lookup_order" }]), outcome: "pass" },
    { made: [lookup, search], exp: expectation([{ name: "search_kb" }, { name: "lookup_order" }], "subsequence"), outcome: "fail" },
    { made: [search, refund, lookup], exp: expectation([{ name: "search_kb" }, { name: "lookup_order" }], "subsequence"), outcome: "pass" },
    { made: [search, refund, lookup], exp: expectation([{ name: "search_kb" }, { name: "lookup_order" }], "exact-sequence"), outcome: "fail" },
    { made: [search, lookup], exp: expectation([{ name: "search_kb" }, { name: "lookup_order" }], "exact-sequence"), outcome: "pass" },
    // Arguments sent as JSON text (OpenAI style) are parsed before matching.
    { made: [refund], exp: expectation([{ name: "issue_refund", arguments: { amount: 60 } }]), outcome: "pass" },
    { made: [], exp: expectation([{ name: "search_kb" }]), outcome: "fail" },
  ])("$exp.order: made $made.length calls → $outcome", ({ made, exp, outcome }) => {
    expect(scoreToolCalls(made, exp).outcome).toBe(outcome);
  });

  it("matches a loose expectation to another call when a strict one needs the only fitting call", () => {
    const made = [
      { name: "search_kb", arguments: { query: "refunds" } },
      { name: "search_kb", arguments: { query: "plans" } },
    ];
    const exp = expectation([{ name: "search_kb" }, { name: "search_kb", arguments: { query: "refunds" } }], "any", false);
    expect(scoreToolCalls(made, exp).outcome).toBe("pass");
  });

  it("says which argument differed when the tool was called with other arguments", () => {
    const verdict = scoreToolCalls([{ name: "lookup_order", arguments: { order_id: "B77" } }], expectation([{ name: "lookup_order", arguments: { order_id: "/^A\\d+$/" } }]));
    expect(verdict).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "lookup_order called with other arguments: order_id: expected to match /^A\\d+$/, got "B77"",
      }
    `);
  });

  it("names the missing call and the calls made", () => {
    expect(scoreToolCalls([search], expectation([lookup])).reason).toMatchInlineSnapshot(`"expected call lookup_order({"order_id":"A1234"}) not made (calls made: search_kb)"`);
  });

  it("names extra calls when they are not allowed", () => {
    expect(scoreToolCalls([search, lookup], expectation([{ name: "lookup_order" }], "any", false)).reason).toMatchInlineSnapshot(`"unexpected extra call: search_kb({"query":"refunds"})"`);
  });

  it("counts repeated calls", () => {
    expect(scoreToolCalls([search], expectation([{ name: "search_kb" }, { name: "search_kb" }])).reason).toMatchInlineSnapshot(`"search_kb called once, expected 2 times (calls made: search_kb)"`);
  });
});

describe("tool-call check", () => {
  it("takes the expectation from the check's `tool` and `arguments`", async () => {
    const config = { type: "tool-call", tool: "lookup_order", arguments: { order_id: "/^A/" } } as const;
    expect((await runCheck(config, { output: "", trace: { tool_calls: [lookup] } })).outcome).toBe("pass");
  });

  it("takes the expectation from the case's expected.tool_calls", async () => {
    const expected = { tool_calls: [{ name: "search_kb" }, { name: "lookup_order", arguments: { order_id: "A1234" } }] };
    const config = { type: "tool-call", order: "subsequence" } as const;
    expect((await runCheck(config, { output: "", expected, trace: { tool_calls: [search, lookup] } })).outcome).toBe("pass");
    expect((await runCheck(config, { output: "", expected, trace: { tool_calls: [lookup, search] } })).outcome).toBe("fail");
  });

  it("is an error when there is no expectation anywhere", async () => {
    expect(await runCheck({ type: "tool-call" }, { output: "", trace: { tool_calls: [search] } })).toMatchInlineSnapshot(`
      {
        "outcome": "error",
        "reason": "no expected tool calls: set \`tool\` or \`calls\` on the check, or \`expected.tool_calls\` on the case",
      }
    `);
  });

  it("is an error when the target reported no tool calls", async () => {
    expect((await runCheck({ type: "tool-call", tool: "search_kb" }, { output: "" })).outcome).toBe("error");
  });

  it("is an error when the case's expected regex is invalid", async () => {
    const expected = { tool_calls: [{ name: "lookup_order", arguments: { order_id: "/(/" } }] };
    expect((await runCheck({ type: "tool-call" }, { output: "", expected, trace: { tool_calls: [lookup] } })).outcome).toBe("error");
  });

  it("rejects an invalid regex in the configured arguments at build time", async () => {
    const error = await buildCheck({ type: "tool-call", calls: [{ name: "a" }, { name: "b", arguments: { id: "/[/" } }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe("checks[0].calls[1].arguments.id");
  });
});
