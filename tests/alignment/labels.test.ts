import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportLabels, importLabels, LabelError, loadLabelSet, labelsDir } from "../../src/alignment/index.js";
import { labelProject, RUN_ID } from "./helpers.js";

describe("label export", () => {
  it("writes a blind CSV: the labelling columns, quoted multi-line cells, never a verdict or critique", async () => {
    const project = await labelProject(6);
    const out = join(project.dir, "grounded.csv");
    const result = await exportLabels({ runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded", out, bom: true });
    const text = await readFile(out, "utf8");
    expect(result).toMatchObject({ rows: 6, available: 6 });
    expect(text.startsWith("\uFEFFcase_id,trial,input,output,context,label,notes\r\n")).toBe(true);
    expect(text).toContain('"[kb-0] Article 0\nFact 0."');
    expect(text).not.toMatch(/SECRET-CRITIQUE|\bpass\b|\bfail\b/i);
    const side = JSON.parse(await readFile(join(project.dir, "grounded.evalgate.json"), "utf8"));
    expect(side).toMatchObject({ run_id: RUN_ID, judge: "grounded", suite_file: project.suiteFile });
  });

  it("samples reproducibly, preferring trials where the judge disagrees with a code check", async () => {
    const project = await labelProject(20);
    const rowsOf = async (seed: number) => {
      const out = join(project.dir, `s${seed}.csv`);
      await exportLabels({ runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded", out, sample: 4, seed, prefer: "disagreements" });
      return (await readFile(out, "utf8")).split("\r\n").slice(1, -1).map((line) => line.split(",")[0]);
    };
    const first = await rowsOf(1);
    expect(first).toEqual(await rowsOf(1));
    // Disagreements: judge PASS with the citation check failing (cases 4, 8, 12, 16), judge FAIL with every check passing (5, 15).
    const disagreements = ["case-04", "case-05", "case-08", "case-12", "case-15", "case-16"];
    expect(first).toHaveLength(4);
    for (const id of first) expect(disagreements).toContain(id);
    expect(await rowsOf(2)).not.toEqual(first);
  });

  it("cuts long context in the cell and keeps the full text in the side file", async () => {
    const project = await labelProject(1);
    const out = join(project.dir, "short.csv");
    await exportLabels({ runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded", out, contextChars: 8 });
    expect(await readFile(out, "utf8")).toContain("[kb-0] A… [cut at 8 characters; full text in");
    const side = JSON.parse(await readFile(join(project.dir, "short.evalgate.json"), "utf8"));
    expect(side.full_context).toEqual({ "case-00#0": "[kb-0] Article 0\nFact 0." });
  });
});

describe("label import", () => {
  it("reads a messy CSV: BOM, CRLF, quoted newlines, extra columns, odd header case, mixed spellings, blanks", async () => {
    const project = await labelProject(8);
    const sheet = join(project.dir, "filled.csv");
    const rows = [
      "\uFEFFCase_ID,Trial,reviewer,Label,Notes,input",
      'case-00,0,ana,PASS,"fine,\r\nreally",x',
      "case-01,0,ana,y,,x",
      "case-02,0,ana,❌,,x",
      "case-03,0,ana,0,,x",
      "case-04,0,ana,,not sure,x",
      "case-05,0,ana,good,,x",
      "case-06,0,ana,no,,x",
      "case-07,0,ana,✅,,x",
    ];
    await writeFile(sheet, `${rows.join("\r\n")}\r\n`);
    const result = await importLabels({ file: sheet, as: "grounded-v1", runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded" });
    expect(result.saved).toBe(true);
    expect(result.unlabelled).toBe(1);
    expect(result.labelSet.items.map((item) => [item.case_id, item.label])).toEqual([
      ["case-00", "pass"], ["case-01", "pass"], ["case-02", "fail"], ["case-03", "fail"], ["case-05", "pass"], ["case-06", "fail"], ["case-07", "pass"],
    ]);
    expect(result.labelSet.items[0]).toMatchObject({ notes: "fine,\r\nreally", output: "Answer 0.0", input: "Question 0?" });
    expect(result.file).toBe(join(labelsDir(project.dir), "grounded-v1", `${result.labelSet.hash}.json`));
  });

  it("reads an xlsx written by the export and filled with exceljs, and one with typed cells", async () => {
    const project = await labelProject(4);
    const out = join(project.dir, "grounded.xlsx");
    await exportLabels({ runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded", out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    // Typed cells, as Excel saves them: TRUE/FALSE booleans, numbers, and a string.
    const labels: ExcelJS.CellValue[] = [true, 0, "FAIL", 1];
    labels.forEach((value, i) => (sheet.getCell(i + 2, 6).value = value));
    sheet.getCell(2, 7).value = { richText: [{ text: "rich " }, { text: "note" }] };
    await workbook.xlsx.writeFile(out);

    const result = await importLabels({ file: out, as: "typed" });
    expect(result.labelSet.items.map((item) => item.label)).toEqual(["pass", "fail", "fail", "pass"]);
    expect(result.labelSet.items[0]?.notes).toBe("rich note");
    expect(result.labelSet).toMatchObject({ judge: "grounded", run_id: RUN_ID });
  });

  it("lists every bad cell at once, by row and column, and writes nothing", async () => {
    const project = await labelProject(4);
    const sheet = join(project.dir, "bad.csv");
    await writeFile(sheet, ["case_id,trial,label,notes", "case-00,0,maybe,", "case-01,x,pass,", "case-02,0,pass,", "case-03,0,2,"].join("\n"));
    const error = await importLabels({ file: sheet, as: "bad", runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabelError);
    expect((error as LabelError).message.replaceAll(sheet, "bad.csv")).toMatchInlineSnapshot(`
      "Labels have 3 problems:
        ✖ bad.csv row 2, column label (C): Unrecognised label "maybe"; write pass/fail, PASS/FAIL, 1/0, yes/no, y/n, true/false, good/bad, ✅/❌ (blank = unlabelled).
        ✖ bad.csv row 3, column trial (B): Expected a trial index (0, 1, 2, …), received "x".
        ✖ bad.csv row 5, column label (C): Unrecognised label "2"; write pass/fail, PASS/FAIL, 1/0, yes/no, y/n, true/false, good/bad, ✅/❌ (blank = unlabelled)."
    `);
    await expect(loadLabelSet(labelsDir(project.dir), "bad")).rejects.toThrow(/No label set "bad"/);
  });

  it("reports two annotators' kappa and disagreements, and keeps only the rows they agree on", async () => {
    const project = await labelProject(6);
    const sheet = join(project.dir, "two.csv");
    await writeFile(sheet, ["case_id,trial,label_a,label_b", "case-00,0,pass,pass", "case-01,0,pass,fail", "case-02,0,fail,fail", "case-03,0,fail,fail", "case-04,0,pass,pass", "case-05,0,fail,pass"].join("\n"));
    const result = await importLabels({ file: sheet, as: "two", runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded" });
    // 2 both-pass, 1 pass/fail, 1 fail/pass, 2 both-fail: p_o = 4/6, p_e = 1/2, κ = (2/3 − 1/2) / (1/2) = 1/3 (by hand).
    expect(result.labelSet.annotators?.kappa).toBeCloseTo(1 / 3, 12);
    expect(result.labelSet.annotators?.disagreements).toEqual([
      { case_id: "case-01", trial: 0, label_a: "pass", label_b: "fail" },
      { case_id: "case-05", trial: 0, label_a: "fail", label_b: "pass" },
    ]);
    expect(result.labelSet.items.map((item) => item.case_id)).toEqual(["case-00", "case-02", "case-03", "case-04"]);
  });

  it("stores a relabelled sheet as a new version pointing at the old one, and an identical one not at all", async () => {
    const project = await labelProject(3);
    const sheet = join(project.dir, "v.csv");
    const options = { file: sheet, as: "versions", runId: RUN_ID, reportsDir: project.reportsDir, judge: "grounded" };
    await writeFile(sheet, "case_id,trial,label\ncase-00,0,pass\ncase-01,0,fail\ncase-02,0,pass\n");
    const first = await importLabels(options);
    expect((await importLabels(options)).saved).toBe(false);
    await writeFile(sheet, "case_id,trial,label\ncase-00,0,pass\ncase-01,0,pass\ncase-02,0,pass\n");
    const second = await importLabels(options);
    expect(second).toMatchObject({ saved: true, labelSet: { previous: first.labelSet.hash } });
    expect(second.labelSet.hash).not.toBe(first.labelSet.hash);
    expect((await loadLabelSet(labelsDir(project.dir), "versions")).hash).toBe(second.labelSet.hash);
    expect((await loadLabelSet(labelsDir(project.dir), `versions@${first.labelSet.hash}`)).items[1]?.label).toBe("fail");
    // A case keeps its split across versions even though its label changed.
    expect(second.labelSet.items[1]?.split).toBe(first.labelSet.items[1]?.split);
  });
});
