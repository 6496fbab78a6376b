import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Case } from "../../src/datasets/index.js";
import { JudgeError, loadJudges, renderJudgeMessages, validateJudgeAgainstCases } from "../../src/judges/index.js";
import { EXAMPLES, GROUNDED_BODY, judgeDir, writeJudge, type JudgeFileSpec } from "./helpers.js";

async function versionOf(spec: JudgeFileSpec, defaultModel?: string): Promise<string> {
  const file = await writeJudge(await judgeDir(), spec);
  const [judge] = await loadJudges([file], defaultModel ? { defaultModel } : {});
  return judge?.version ?? "";
}

async function judgeError(promise: Promise<unknown>): Promise<JudgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof JudgeError) return error;
  throw new Error(`expected a JudgeError, got ${String(error)}`);
}

describe("loadJudges", () => {
  it("loads a judge with its examples in the system message", async () => {
    const dir = await judgeDir();
    const [judge] = await loadJudges([await writeJudge(dir, { model: "openai:gpt-4.1-mini" })]);
    expect(judge).toMatchObject({
      id: "grounded",
      failureMode: "answer not supported by the retrieved articles",
      model: "openai:gpt-4.1-mini",
      temperature: 0,
      inputs: ["input", "context", "output"],
      file: join(dir, "grounded.md"),
      templateLine: 8,
      modelBaseDir: dir,
    });
    expect(judge?.version).toMatch(/^[0-9a-f]{12}$/);
    expect(judge?.examples).toHaveLength(2);
    expect(judge?.systemPrompt).toContain('<example index="2">');
  });

  it("falls back to the suite's judge_model, resolving paths against the suite", async () => {
    const [judge] = await loadJudges([await writeJudge(await judgeDir())], { defaultModel: "anthropic:claude-sonnet-4-5" });
    expect(judge?.model).toBe("anthropic:claude-sonnet-4-5");
    expect(judge?.modelBaseDir).toBeUndefined();
  });

  it("rejects a judge with neither its own model nor a suite default", async () => {
    const file = await writeJudge(await judgeDir());
    const error = await judgeError(loadJudges([file]));
    expect(error.code).toBe("JUDGE_INVALID");
    expect(error.message.replace(file, "<judge>")).toMatchInlineSnapshot(`
      "Judge has 1 problem:
        ✖ <judge>: No model: set \`model:\` in the front matter (e.g. openai:gpt-4.1-mini) or \`judge_model:\` in the suite config."
    `);
  });

  it("lists every problem of every file at once, with file and line", async () => {
    const dir = await judgeDir();
    const bad = await writeJudge(dir, { id: "bad", model: "openai:gpt-4.1-mini", inputs: ["input", "output"] });
    const few = await writeJudge(dir, { id: "few", model: "gpt-4o", examples: [EXAMPLES[0]] });
    const error = await judgeError(loadJudges([bad, few]));
    expect(error.message.replaceAll(dir, "<dir>")).toMatchInlineSnapshot(`
      "Judge has 3 problems:
        ✖ <dir>/bad.md:14: Placeholder {{context}} uses "context", which is not declared in inputs [input, output]. Add "context" to inputs.
        ✖ <dir>/few.examples.jsonl: Expected 2 to 8 examples, found 1. Keep a few clear PASS and FAIL cases that show where the line is.
        ✖ <dir>/few.md: Model id "gpt-4o" has an unknown provider prefix. Write it as <provider>:<model>, one of:
            openai:gpt-4.1-mini
            anthropic:claude-sonnet-4-5
            databricks:<serving-endpoint-name>
            openai-compatible:<model> (with base_url or OPENAI_BASE_URL)
            scripted:<replies.jsonl>"
    `);
  });

  it("rejects two judges with the same id", async () => {
    const first = await writeJudge(await judgeDir(), { model: "openai:gpt-4.1-mini" });
    const second = await writeJudge(await judgeDir(), { model: "openai:gpt-4.1-mini" });
    const error = await judgeError(loadJudges([first, second]));
    expect(error.issues).toEqual([{ file: second, message: expect.stringContaining(`Duplicate judge id "grounded" (also used by ${first})`) as unknown }]);
  });

  it("reports a missing judge or examples file by path", async () => {
    const dir = await judgeDir();
    const file = await writeJudge(dir, { model: "openai:gpt-4.1-mini" });
    await writeFile(join(dir, "grounded.examples.jsonl"), "");
    const empty = await judgeError(loadJudges([file]));
    expect(empty.issues[0]?.message).toMatch(/Expected 2 to 8 examples, found 0/);
    const missing = await judgeError(loadJudges([join(dir, "nope.md")]));
    expect(missing.issues[0]?.message).toMatch(/^File not found: .*nope\.md/);
  });

  it("checks placeholders against the cases when given them", async () => {
    const file = await writeJudge(await judgeDir(), { model: "openai:gpt-4.1-mini", inputs: ["input", "expected", "output"], body: "PASS/FAIL {{expected.answer}} {{output}}" });
    const cases: Case[] = [
      { id: "a", input: "q", expected: { answer: "x" } },
      { id: "b", input: "q" },
    ];
    const error = await judgeError(loadJudges([file], { cases }));
    expect(error.issues).toEqual([{ file, line: 8, message: expect.stringContaining('{{expected.answer}} cannot be filled for 1 of 2 cases ("b")') as unknown }]);
    const [judge] = await loadJudges([file]);
    expect(() => validateJudgeAgainstCases(judge!, cases)).toThrow(JudgeError);
    expect(() => validateJudgeAgainstCases(judge!, [cases[0]!])).not.toThrow();
  });
});

describe("judge version", () => {
  const base: JudgeFileSpec = { model: "openai:gpt-4.1-mini" };

  it("is stable across loads and independent of where the file lives", async () => {
    expect(await versionOf(base)).toBe(await versionOf(base));
  });

  it.each([
    { change: "the template", spec: { ...base, body: GROUNDED_BODY.replace("at least one claim", "any claim") } },
    { change: "an example's critique", spec: { ...base, examples: [EXAMPLES[0], { ...EXAMPLES[1], critique: "Same as the article." }] } },
    { change: "the example order", spec: { ...base, examples: [EXAMPLES[1], EXAMPLES[0]] } },
    { change: "the model", spec: { ...base, model: "openai:gpt-4.1" } },
    { change: "the temperature", spec: { ...base, temperature: 0.5 } },
  ])("changes with $change", async ({ spec }) => {
    expect(await versionOf(spec)).not.toBe(await versionOf(base));
  });

  it("changes when the suite's default model changes for a judge without its own", async () => {
    expect(await versionOf({}, "openai:gpt-4.1-mini")).not.toBe(await versionOf({}, "openai:gpt-4.1"));
  });

  it("never depends on case data: whitespace in a case changes the prompt, not the version", async () => {
    const file = await writeJudge(await judgeDir(), base);
    const [judge] = await loadJudges([file]);
    const trial = { caseId: "c", trial: 0, input: "Refund?", context: "Refunds within 14 days.", output: "Yes." };
    const spaced = { ...trial, input: "  Refund?\n\n" };
    expect(renderJudgeMessages(judge!, spaced).messages).not.toEqual(renderJudgeMessages(judge!, trial).messages);
    const [again] = await loadJudges([file], { cases: [{ id: "c", input: spaced.input }] });
    expect(again?.version).toBe(judge?.version);
  });
});
