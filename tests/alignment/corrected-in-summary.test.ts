import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AlignHistoryEntry } from "../../src/alignment/index.js";
import { runPaths } from "../../src/log/index.js";
import { summarizeRun, type JudgeScore } from "../../src/report/index.js";
import { figuresOf } from "../fixtures/runs/alignment-fixtures.js";
import { RUN_ID, labelProject } from "./helpers.js";

const figures = (tp: number, fn: number, tn: number, fp: number) => ({ ...figuresOf(tp, fn, tn, fp, 0.6), accuracy: (tp + tn) / (tp + fn + tn + fp) });

async function projectWithHistory(entries: AlignHistoryEntry[]) {
  const project = await labelProject(20);
  await mkdir(join(project.dir, "labels"), { recursive: true });
  await writeFile(join(project.dir, "labels", "align-history.jsonl"), entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
  return project;
}

const entry = (version: string, split: AlignHistoryEntry["split"], f: ReturnType<typeof figures>): AlignHistoryEntry => ({
  at: "2025-06-02T00:00:00.000Z",
  judge: "grounded",
  version,
  label_set: "grounded-labels",
  label_set_version: "abcdefabcdef",
  split,
  ...f,
  verdicts: {},
});

describe("the run summary of a judge aligned in the suite's labels/ folder", () => {
  it("carries the corrected pass rate measured on dev when there is no test result, and says so", async () => {
    // The run's judge "grounded" v1 fails every fifth case: 16 PASS of 20.
    const project = await projectWithHistory([entry("v1", "dev", figures(31, 3, 10, 2)), entry("v0", "test", figures(30, 4, 10, 2))]);
    const { summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    const grounded = summary.scores.find((s): s is JudgeScore => s.kind === "judge" && s.id === "grounded")!;
    expect(grounded.pass_rate.rate).toBe(16 / 20);
    expect(grounded.alignment?.measured).toMatchObject({ split: "dev", judge_version: "v1", label_set: "grounded-labels" });
    // By hand: (0.8 + 10/12 − 1)/(31/34 + 10/12 − 1) = (19/30)/(38/51) = 17/20.
    expect(grounded.alignment?.corrected).toMatchObject({ status: "estimated", observed: 0.8, resamples: 20_000, seed: 0 });
    expect((grounded.alignment?.corrected as { estimate: number }).estimate).toBeCloseTo(17 / 20, 12);
  });

  it("refuses, naming the class, when the labels have no human FAIL", async () => {
    const project = await projectWithHistory([entry("v1", "test", figures(20, 2, 0, 0))]);
    const { summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    const grounded = summary.scores.find((s): s is JudgeScore => s.kind === "judge")!;
    expect(grounded.alignment?.corrected).toEqual({ status: "refused", reason: expect.stringContaining("no item is labelled FAIL by a human") });
  });

  it("has no alignment field for a suite that was never aligned", async () => {
    const project = await labelProject(5);
    const { summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    expect(summary.scores.find((s) => s.kind === "judge")).not.toHaveProperty("alignment");
  });
});

describe("a damaged align history", () => {
  it("costs no summary: each judge states why it is not corrected", async () => {
    const project = await labelProject(5);
    await mkdir(join(project.dir, "labels"), { recursive: true });
    await writeFile(join(project.dir, "labels", "align-history.jsonl"), "{not json\n");
    const { summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    const grounded = summary.scores.find((s): s is JudgeScore => s.kind === "judge")!;
    expect(grounded.alignment).toEqual({ measured: null, corrected: { status: "refused", reason: expect.stringMatching(/^Corrected pass rate refused: the align history in .*labels could not be read \(.*\); fix or remove the bad line of align-history\.jsonl\.$/) } });
  });
});
