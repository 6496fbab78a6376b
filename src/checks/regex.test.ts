import { describe, expect, it } from "vitest";
import { buildCheck, runCheck } from "../../tests/support/check-harness.js";
import { ConfigError } from "../errors.js";
import { scoreRegex } from "./regex.js";

describe("scoreRegex", () => {
  it.each([
    { text: "Order A1234 shipped", source: "A\\d{4}", mode: "must-match", outcome: "pass" },
    { text: "Order shipped", source: "A\\d{4}", mode: "must-match", outcome: "fail" },
    { text: "mail me at jo@example.com", source: "[\\w.+-]+@[\\w-]+\\.\\w+", mode: "must-not-match", outcome: "fail" },
    { text: "no contact details here", source: "[\\w.+-]+@[\\w-]+\\.\\w+", mode: "must-not-match", outcome: "pass" },
  ] as const)("$mode /$source/ on $text → $outcome", ({ text, source, mode, outcome }) => {
    expect(scoreRegex(text, new RegExp(source), mode).outcome).toBe(outcome);
  });

  it("shows the forbidden match in context", () => {
    expect(scoreRegex("mail me at jo@example.com today", /[\w.+-]+@[\w-]+\.\w+/, "must-not-match").reason).toMatchInlineSnapshot(`"matches forbidden /[\\w.+-]+@[\\w-]+\\.\\w+/: "mail me at jo@example.com today""`);
  });
});

describe("regex check", () => {
  it("applies flags such as case-insensitivity", async () => {
    expect((await runCheck({ type: "regex", pattern: "^yes\\b", flags: "i" }, { output: "YES, you can." })).outcome).toBe("pass");
  });

  it("gives the same verdict on every trial even with the g flag (no state carried between trials)", async () => {
    const check = await buildCheck({ type: "regex", pattern: "refund", flags: "g" });
    const trial = { output: "a refund", input: "q", latencyMs: 0 };
    expect([await check.run(trial), await check.run(trial)].map((v) => v.outcome)).toEqual(["pass", "pass"]);
  });

  it("rejects an invalid pattern when the check is built, naming the field", async () => {
    const error = await buildCheck({ type: "regex", pattern: "(unclosed" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toMatchInlineSnapshot(`
      [
        {
          "message": "Invalid regular expression "(unclosed": Unterminated group. Write JavaScript regex syntax without surrounding slashes; in YAML, single-quote patterns containing backslashes.",
          "path": "checks[0].pattern",
        },
      ]
    `);
  });

  it("rejects unknown flags on the flags field", async () => {
    const error = (await buildCheck({ type: "regex", pattern: "x", flags: "q" }).catch((e: unknown) => e)) as ConfigError;
    expect(error.issues.map((issue) => issue.path)).toEqual(["checks[0].flags"]);
  });
});
