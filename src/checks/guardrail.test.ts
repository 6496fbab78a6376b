import { describe, expect, it } from "vitest";
import type { GuardDecision } from "../log/index.js";
import { guardrailCheck, scoreGuardrail } from "./guardrail.js";

const decision = (fields: Partial<GuardDecision> & Pick<GuardDecision, "id">): GuardDecision => ({
  type: "injection",
  stage: "input",
  action: "block",
  triggered: false,
  latency_ms: 0.2,
  ...fields,
});

describe("scoreGuardrail", () => {
  const blocked = [decision({ id: "injection", triggered: true, reason: "score 0.9 ≥ threshold 0.5: instruction-override" })];

  it("passes when the guard decided as expected, and says what it saw", () => {
    expect(scoreGuardrail(blocked, "injection", "triggered")).toEqual({
      outcome: "pass",
      reason: 'guard "injection" triggered (block: score 0.9 ≥ threshold 0.5: instruction-override)',
    });
    expect(scoreGuardrail([decision({ id: "pii-out", action: "redact" })], "pii-out", "not-triggered")).toEqual({ outcome: "pass", reason: 'guard "pii-out" did not trigger' });
  });

  it("fails when it did not", () => {
    expect(scoreGuardrail(blocked, "injection", "not-triggered")).toEqual({
      outcome: "fail",
      reason: 'guard "injection" triggered (block: score 0.9 ≥ threshold 0.5: instruction-override); expected it not to trigger',
    });
    expect(scoreGuardrail([decision({ id: "injection" })], "injection", "triggered").outcome).toBe("fail");
  });

  it("counts a guard that never ran as not triggered, naming the guard that blocked first", () => {
    expect(scoreGuardrail(blocked, "pii-out", "not-triggered")).toEqual({ outcome: "pass", reason: 'guard "pii-out" did not run (the input guard "injection" blocked first)' });
    expect(scoreGuardrail([], "pii-out", "triggered")).toEqual({ outcome: "fail", reason: 'guard "pii-out" did not run; expected it to trigger' });
  });

  it("cannot score a guard that failed, whatever its on_error made of it", () => {
    const failed = [decision({ id: "scope", type: "scope", triggered: true, error: "guard did not finish within 50 ms (its timeout_ms); make it faster or raise timeout_ms" })];
    expect(scoreGuardrail(failed, "scope", "triggered")).toEqual({
      outcome: "error",
      reason: 'guard "scope" failed, so whether it triggers is unknown: guard did not finish within 50 ms (its timeout_ms); make it faster or raise timeout_ms',
    });
  });
});

describe("guardrailCheck", () => {
  const check = guardrailCheck({ type: "guardrail", guard: "injection", expect: "triggered", applies_when: { tags_any: ["prompt-injection"] }, gating: false, timeout_ms: 10_000 });
  const trial = { output: "Sorry, I can't help with that.", input: "…", latencyMs: 3 };

  it("expects the guard only on the cases its applies_when selects, passing the others as not applicable", () => {
    expect(check({ ...trial, tags: ["billing"], guardrails: [] })).toEqual({ outcome: "pass", reason: "not applicable: the case's tags are outside applies_when" });
    expect(check({ ...trial, tags: ["prompt-injection"], guardrails: [] })).toMatchObject({ outcome: "fail" });
  });

  it("cannot score a trial that ran without guardrails", () => {
    expect(check({ ...trial, tags: ["prompt-injection"] })).toEqual({ outcome: "error", reason: "this trial ran without guardrails; set `guardrails:` in the suite" });
  });
});
