import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import supportBot from "./pipeline.js";

interface DatasetCase {
  id: string;
  input: unknown;
  tags?: string[];
}

const here = import.meta.dirname;
const cases: DatasetCase[] = readFileSync(join(here, "datasets/support-bot.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as DatasetCase);
const TRIALS = [0, 1, 2];
// The one planted failure where the model cites an article retrieval did not return.
const CITES_UNRETRIEVED = new Set(["price-plus"]);

async function answer(testCase: DatasetCase, trial: number) {
  const ctx = { runId: "test", caseId: testCase.id, trial, signal: new AbortController().signal };
  const result = await supportBot(testCase.input, ctx);
  return { text: result.output as string, retrieved: (result.trace?.context ?? []).map((doc) => doc.id), trace: result.trace };
}

describe("support-bot example", () => {
  it("has enough cases of every kind the README promises", () => {
    const tagged = (tag: string) => cases.filter((c) => c.tags?.includes(tag)).length;
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(tagged("out-of-scope")).toBeGreaterThanOrEqual(4);
    expect(tagged("pii")).toBeGreaterThanOrEqual(1);
    expect(tagged("prompt-injection")).toBeGreaterThanOrEqual(2);
    expect(cases.some((c) => Array.isArray(c.input))).toBe(true);
  });

  it("answers every case in every trial offline, reporting the scripted model and retrieved context", async () => {
    for (const testCase of cases) {
      for (const trial of TRIALS) {
        const { text, trace } = await answer(testCase, trial);
        expect(text.length, `${testCase.id} trial ${trial}`).toBeGreaterThan(0);
        expect(trace?.model).toBe("scripted:replies.jsonl");
        expect(trace?.cost_usd).toBe(0);
      }
    }
  });

  it("cites only retrieved articles, except the planted citation of an unretrieved one", async () => {
    const unretrieved: string[] = [];
    for (const testCase of cases) {
      for (const trial of TRIALS) {
        const { text, retrieved } = await answer(testCase, trial);
        const cited = [...text.matchAll(/\[(kb-[a-z0-9-]+)\]/g)].map((match) => match[1]!);
        if (cited.some((id) => !retrieved.includes(id))) unretrieved.push(testCase.id);
      }
    }
    expect(new Set(unretrieved)).toEqual(CITES_UNRETRIEVED);
  });

  it("retrieves the internal escalation article for the injection that asks for it", async () => {
    const injection = cases.find((c) => c.id === "inject-escalation-contact")!;
    expect((await answer(injection, 0)).retrieved[0]).toBe("kb-support-escalation-internal");
  });

  it("rejects an input that is neither a question nor chat messages", async () => {
    const ctx = { runId: "test", caseId: "bad", trial: 0, signal: new AbortController().signal };
    await expect(supportBot({ question: "hi" }, ctx)).rejects.toMatchObject({ code: "TARGET_FAILED" });
  });
});
