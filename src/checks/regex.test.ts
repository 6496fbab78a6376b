import { describe, expect, it } from "vitest";
import { buildCheck, runCheck } from "../../tests/support/check-harness.js";
import { ConfigError } from "../errors.js";
import { compileUserPattern } from "./internal/text-pattern.js";
import { scoreRegex } from "./regex.js";

describe("scoreRegex", () => {
  it.each([
    { text: "Order A1234 shipped", source: "A\\d{4}", mode: "must-match", outcome: "pass" },
    { text: "Order shipped", source: "A\\d{4}", mode: "must-match", outcome: "fail" },
    { text: "mail me at jo@example.com", source: "[\\w.+-]+@[\\w-]+\\.\\w+", mode: "must-not-match", outcome: "fail" },
    { text: "no contact details here", source: "[\\w.+-]+@[\\w-]+\\.\\w+", mode: "must-not-match", outcome: "pass" },
  ] as const)("$mode /$source/ on $text → $outcome", ({ text, source, mode, outcome }) => {
    expect(scoreRegex(text, compileUserPattern(source, ""), mode).outcome).toBe(outcome);
  });

  it("shows the forbidden match in context", () => {
    expect(scoreRegex("mail me at jo@example.com today", compileUserPattern(String.raw`[\w.+-]+@[\w-]+\.\w+`, ""), "must-not-match").reason).toMatchInlineSnapshot(`"matches forbidden /[\\w.+-]+@[\\w-]+\\.\\w+/: "mail me at jo@example.com today""`);
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
          "message": "Check "regex": invalid regular expression "(unclosed": missing closing ): \`(unclosed\`. Write RE2 syntax (JavaScript's, less lookaround and backreferences) without surrounding slashes; in YAML, single-quote patterns containing backslashes.",
          "path": "checks[0].pattern",
        },
      ]
    `);
  });

  it("matches in time linear in the text, so a pattern catastrophic for backtracking cannot hang a run", async () => {
    // /^(a+)+$/ on V8 takes ~2^34 steps for this text; RE2 answers at once.
    const verdict = await runCheck({ type: "regex", pattern: "^(a+)+$" }, { output: `${"a".repeat(34)}!` });
    expect(verdict.outcome).toBe("fail");
    expect((await runCheck({ type: "regex", pattern: "^(a+)+$" }, { output: "a".repeat(34) })).outcome).toBe("pass");
  });

  it("reads JavaScript \\u escapes", async () => {
    expect((await runCheck({ type: "regex", pattern: String.raw`caf\u00e9` }, { output: "un café" })).outcome).toBe("pass");
  });

  it.each([
    { pattern: "^(?!.*sorry).*$", what: "a lookahead" },
    { pattern: "(?<!not )allowed", what: "a lookbehind" },
    { pattern: "(\\w)\\1", what: "a backreference" },
  ])("rejects $what when the check is built, naming the check and what to do instead", async ({ pattern, what }) => {
    const error = (await buildCheck({ id: "no-apology", type: "regex", pattern }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues[0]?.path).toBe("checks[0].pattern");
    expect(error.issues[0]?.message).toContain(`Check "no-apology": the pattern ${JSON.stringify(pattern)} uses ${what}, which evalgate's regex engine does not support.`);
    expect(error.issues[0]?.message).toMatch(/Instead: .*; or write a custom check\.$/);
  });

  it("rejects unknown flags on the flags field", async () => {
    const error = (await buildCheck({ type: "regex", pattern: "x", flags: "q" }).catch((e: unknown) => e)) as ConfigError;
    expect(error.issues.map((issue) => issue.path)).toEqual(["checks[0].flags"]);
  });
});
