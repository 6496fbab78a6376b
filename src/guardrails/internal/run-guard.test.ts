import { describe, expect, it } from "vitest";
import type { Guard, GuardFinding, GuardInput } from "../types.js";
import { runGuard } from "./run-guard.js";

function guard(detect: (input: GuardInput) => GuardFinding | Promise<GuardFinding>, onError: "open" | "closed" = "closed", timeoutMs = 1000): Guard {
  return { id: "g", type: "custom", action: "block", onError, timeoutMs, detect };
}

// The one runner of a guard: stages (run-stage.ts) and guard eval both call it.
describe("runGuard", () => {
  it("returns the finding as a decision, with the guard's identity and the row's stage", async () => {
    const decision = await runGuard(
      guard(({ text }) => ({ triggered: text.includes("x"), spans: [{ start: 0, end: 1, label: "X" }], score: 0.9, reason: "has x" })),
      { text: "x", stage: "output" },
    );
    expect(decision).toMatchObject({ id: "g", type: "custom", stage: "output", action: "block", triggered: true, spans: [{ start: 0, end: 1, label: "X" }], score: 0.9, reason: "has x" });
    expect(decision.latency_ms).toBeGreaterThanOrEqual(0);
    expect(decision.error).toBeUndefined();
  });

  it("passes the user input and context to output guards", async () => {
    let seen: GuardInput | undefined;
    await runGuard(
      guard((input) => {
        seen = input;
        return { triggered: false };
      }),
      { text: "answer", stage: "output", input: "question", context: ["doc"] },
    );
    expect(seen).toMatchObject({ text: "answer", stage: "output", input: "question", context: ["doc"] });
  });

  it.each([
    ["closed", true],
    ["open", false],
  ] as const)("a guard that throws is decided by on_error %s (triggered: %s)", async (onError, triggered) => {
    const decision = await runGuard(
      guard(() => {
        throw new Error("model unavailable");
      }, onError),
      { text: "t", stage: "input" },
    );
    expect(decision).toMatchObject({ triggered, error: "model unavailable" });
  });

  it("times a slow guard out, aborting its signal, and decides by on_error", async () => {
    let aborted = false;
    const slow = guard(
      ({ signal }) =>
        new Promise<GuardFinding>((resolve) => {
          signal.addEventListener("abort", () => {
            aborted = true;
          });
          setTimeout(() => resolve({ triggered: false }), 5000).unref();
        }),
      "closed",
      20,
    );
    const decision = await runGuard(slow, { text: "t", stage: "input" });
    expect(decision.triggered).toBe(true);
    expect(decision.error).toMatchInlineSnapshot(`"guard did not finish within 20 ms (its timeout_ms); make it faster or raise timeout_ms"`);
    expect(aborted).toBe(true);
  });

  it("cuts token shapes out of a guard's error text", async () => {
    const decision = await runGuard(
      guard(() => {
        throw new Error("upstream refused key sk-proj-EXAMPLEnotArealKEY0EXAMPLEnotArealKEY0EXAMP");
      }),
      { text: "t", stage: "input" },
    );
    expect(decision.error).toMatchInlineSnapshot(`"upstream refused key [redacted:openai-key]"`);
  });

  it("rejects with the caller's reason when the caller aborts: a cancelled run records no decision", async () => {
    const cancelled = new AbortController();
    const pending = runGuard(guard(() => new Promise<GuardFinding>(() => {})), { text: "t", stage: "input" }, cancelled.signal);
    cancelled.abort(new Error("run cancelled"));
    await expect(pending).rejects.toThrow("run cancelled");
  });
});
