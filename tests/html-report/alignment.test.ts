import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { saveLabelSet, type AlignHistoryEntry, type LabelSet } from "../../src/alignment/index.js";
import { loadReportAlignment } from "../../src/html-report/index.js";
import { runPaths } from "../../src/log/index.js";
import { summarizeRun } from "../../src/report/index.js";
import { RUN_ID, labelProject } from "../alignment/helpers.js";
import { figuresOf } from "../fixtures/runs/alignment-fixtures.js";

// labelProject(20): judge "grounded" v1 fails cases 0, 5, 10 and 15 (one trial each).
// The human labels below fail cases 0 and 1, so judge and human disagree on 1, 5, 10 and 15.
const HUMAN_FAIL = new Set(["case-00", "case-01"]);

async function alignedProject() {
  const project = await labelProject(20);
  const labels = join(project.dir, "labels");
  await mkdir(labels, { recursive: true });
  const set: LabelSet = {
    schema_version: 1,
    name: "grounded-labels",
    hash: "abcdefabcdef",
    previous: null,
    created_at: "2025-06-02T00:00:00.000Z",
    judge: "grounded",
    run_id: RUN_ID,
    source: { file: "labels.xlsx", sha256: "0".repeat(64) },
    split_seed: 1,
    items: project.trials.map((t) => ({ case_id: t.case_id, trial: t.trial, label: HUMAN_FAIL.has(t.case_id) ? "fail" : "pass", split: "dev", input: t.input, output: t.output, ...(t.case_id === "case-05" ? { notes: "supported by kb-5" } : {}) })),
  };
  await saveLabelSet(labels, set);
  const verdicts = Object.fromEntries(project.trials.map((t) => [`${t.case_id}#${t.trial}`, t.judges[0]!.outcome]));
  const entry = (version: string, at: string, f: ReturnType<typeof figuresOf>): AlignHistoryEntry => ({
    at,
    judge: "grounded",
    version,
    label_set: set.name,
    label_set_version: set.hash,
    split: "dev",
    ...f,
    accuracy: null,
    verdicts,
  });
  const history = [entry("v0", "2025-06-02T00:00:00.000Z", figuresOf(12, 6, 2, 0, 0.3)), entry("v1", "2025-06-03T00:00:00.000Z", figuresOf(15, 3, 1, 1, 0.2))];
  await writeFile(join(labels, "align-history.jsonl"), history.map((e) => `${JSON.stringify(e)}\n`).join(""));
  return project;
}

describe("loadReportAlignment", () => {
  it("gives each aligned judge its measured figures, its align history and the labelled items it disagrees on", async () => {
    const project = await alignedProject();
    const { manifest, summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    const alignment = await loadReportAlignment(manifest, summary);
    expect(alignment?.judges).toHaveLength(1);
    const [grounded] = alignment!.judges;
    expect(grounded).toMatchObject({ id: "grounded", version: "v1", labelled_run: RUN_ID, measured: { judge_version: "v1", split: "dev", confusion: { tp: 15, fn: 3, tn: 1, fp: 1 } } });
    expect(grounded!.history.map((p) => [p.version, p.tpr.value, p.tnr.value, p.kappa])).toEqual([
      ["v0", 12 / 18, 1, 0.3],
      ["v1", 15 / 18, 0.5, 0.2],
    ]);
    expect(grounded!.disagreements).toEqual([
      { case_id: "case-01", trial: 0, human: "fail", judge: "pass" },
      { case_id: "case-05", trial: 0, human: "pass", judge: "fail", notes: "supported by kb-5" },
      { case_id: "case-10", trial: 0, human: "pass", judge: "fail" },
      { case_id: "case-15", trial: 0, human: "pass", judge: "fail" },
    ]);
  });

  it("is undefined for a suite that was never aligned", async () => {
    const project = await labelProject(3);
    const { manifest, summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    expect(await loadReportAlignment(manifest, summary)).toBeUndefined();
  });

  it("says why disagreements are missing when the label set is gone", async () => {
    const project = await alignedProject();
    await writeFile(join(project.dir, "labels", "grounded-labels", "abcdefabcdef.json"), "{}");
    const { manifest, summary } = await summarizeRun(runPaths(project.reportsDir, RUN_ID).dir);
    const [grounded] = (await loadReportAlignment(manifest, summary))!.judges;
    expect(grounded!.disagreements).toEqual([]);
    expect(grounded!.disagreements_note).toMatch(/^label set grounded-labels@abcdefabcdef could not be read: /);
  });
});
