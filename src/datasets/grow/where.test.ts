import { describe, expect, it } from "vitest";
import type { TrialRecord } from "../../log/index.js";
import { checkWhereIds, matchesWhere, parseWhere } from "./where.js";

function trial(fields: Partial<TrialRecord>): TrialRecord {
  return {
    schema_version: 1,
    run_id: "r1",
    case_id: "c1",
    trial: 0,
    started_at: "2026-12-01T00:00:00.000Z",
    ended_at: "2026-12-01T00:00:01.000Z",
    latency_ms: 1000,
    status: "ok",
    input: "hi",
    checks: [],
    judges: [],
    ...fields,
  };
}

const verdict = (id: string, outcome: "pass" | "fail" | "error") => ({ id, version: "v1", failure_mode: id, model: "m", outcome, critique: "." });
const check = (id: string, outcome: "pass" | "fail" | "error") => ({ id, type: "json", outcome, reason: "." });
const guard = (id: string, triggered: boolean) => ({ id, type: "pii", stage: "output" as const, triggered, action: "block" as const, latency_ms: 1 });

const grounded = trial({ judges: [verdict("grounded", "fail")], checks: [check("valid-json", "pass")], tags: ["refund"] });
const leaky = trial({ judges: [verdict("grounded", "pass")], checks: [check("valid-json", "fail")], guardrails: [guard("pii-out", true)] });
const clean = trial({ judges: [verdict("grounded", "pass")], checks: [check("valid-json", "pass")], guardrails: [guard("pii-out", false)] });
const broken = trial({ status: "error", error: { code: "TARGET_FAILED", message: "boom" } });
const all = [grounded, leaky, clean, broken];
const select = (...expressions: string[]) => all.filter((t) => matchesWhere(t, parseWhere(expressions)));

describe("--where", () => {
  it.each([
    [["judge:grounded=fail"], [grounded]],
    [["check:valid-json=fail"], [leaky]],
    [["outcome=fail"], [grounded, leaky]],
    [["outcome=pass"], [clean]],
    [["status=error"], [broken]],
    [["guard:pii-out=triggered"], [leaky]],
    [["guard:pii-out=clear"], [clean]],
    [["tag:refund"], [grounded]],
    // "," within one expression: any condition; several expressions: all of them.
    [["judge:grounded=fail, check:valid-json=fail"], [grounded, leaky]],
    [["outcome=fail", "tag:refund"], [grounded]],
    [[], all],
  ])("%j selects the matching trials", (expressions, expected) => {
    expect(select(...expressions)).toEqual(expected);
  });

  it("matches no trial on a judge that did not apply to it", () => {
    expect(matchesWhere(broken, parseWhere(["judge:grounded=error"]))).toBe(false);
  });

  it("explains malformed expressions", () => {
    const message = (expression: string) => {
      try {
        parseWhere([expression]);
        return "parsed";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message("judge:grounded=failed")).toMatchInlineSnapshot(`"--where 'judge:grounded=failed': "judge:grounded=failed": expected pass, fail, error after "=", received "failed"."`);
    expect(message("jugde:grounded=fail")).toMatchInlineSnapshot(`"--where 'jugde:grounded=fail': unknown key "jugde" (did you mean "judge"?); expected one of outcome=fail, status=error, check:<id>=fail, judge:<id>=fail, guard:<id>=triggered or tag:<tag>."`);
    expect(message("outcome")).toMatchInlineSnapshot(`"--where 'outcome': "outcome" has no "="; expected one of outcome=fail, status=error, check:<id>=fail, judge:<id>=fail, guard:<id>=triggered or tag:<tag>."`);
    expect(message("judge:=fail")).toMatchInlineSnapshot(`"--where 'judge:=fail': "judge:=fail" names no judge; write judge:<id>=fail."`);
    expect(message("outcome=fail,")).toMatchInlineSnapshot(`"--where 'outcome=fail,': an empty condition; separate conditions with a single ","."`);
  });

  it("refuses a judge the run does not have, naming the nearest", () => {
    const vocabulary = { checks: ["valid-json"], judges: ["grounded-in-context"], guards: [] };
    expect(() => checkWhereIds(parseWhere(["judge:grounded-in-contxt=fail"]), vocabulary, "r1")).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: --where judge:grounded-in-contxt: run r1 has no judge "grounded-in-contxt" (did you mean "grounded-in-context"?); its judges are grounded-in-context.]`,
    );
    expect(() => checkWhereIds(parseWhere(["guard:pii=triggered"]), vocabulary, "r1")).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: --where guard:pii: run r1 has no guard "pii"; it has no guards.]`,
    );
    expect(() => checkWhereIds(parseWhere(["judge:grounded-in-context=fail", "tag:x"]), vocabulary, "r1")).not.toThrow();
  });
});
