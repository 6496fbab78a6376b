import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addCasesFromRun, validateDatasetFile } from "../../src/datasets/index.js";
import { runCli } from "../e2e/cli.js";

const RUNS = resolve(import.meta.dirname, "../fixtures/runs");
/** A run as `evalgate score` writes it: each trial's trace names the production record it came from. */
const SCORED = join(RUNS, "scored-production");
const SCORED_ID = "2026-12-01T03-00-00Z-score-7c1e";

let dir: string;
let target: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-dataset-add-"));
  target = join(dir, "datasets", "prod.jsonl");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const linesOf = async (file: string) => (await readFile(file, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);

describe("dataset add from a scored run", () => {
  it("turns the failing traces into cases with ids from their trace ids, provenance and tags, without outputs", async () => {
    const result = await addCasesFromRun({ from: SCORED, where: ["judge:grounded-in-context=fail"], tags: ["prod-2026-12"], to: target });
    expect(result).toMatchObject({ runId: SCORED_ID, trials: 5, matched: 3, existing: 0 });
    // "trace-" + the trace id + the first 8 hex digits of sha256(trace id).
    const expectedId = `trace-tr-0a1b2c3d4e5f-${sha256(Buffer.from("tr-0a1b2c3d4e5f")).slice(0, 8)}`;
    expect(await linesOf(target)).toEqual([
      {
        id: expectedId,
        input: "I bought an annual Plus plan last week. Can I get my money back?",
        tags: ["refund", "prod-2026-12"],
        metadata: { source_trace: "tr-0a1b2c3d4e5f", source_origin: "mlflow:support-bot-prod", source_run: SCORED_ID, source_case: "tr-0a1b2c3d4e5f", source_trial: 0 },
      },
      {
        id: expect.stringMatching(/^trace-tr-4e5f6a7b8c9d-[0-9a-f]{8}$/),
        input: [
          { role: "user", content: "My notes stopped syncing after the update." },
          { role: "assistant", content: "Which device?" },
          { role: "user", content: "iPad, since yesterday." },
        ],
        tags: ["sync", "prod-2026-12"],
        metadata: expect.objectContaining({ source_trace: "tr-4e5f6a7b8c9d" }),
      },
    ]);
    // tr-2c3d… asks the same as tr-0a1b… up to case, spacing and punctuation.
    expect(result.skipped).toEqual([
      { id: expect.stringMatching(/^trace-tr-2c3d4e5f6a7b-/), source: `trace tr-2c3d4e5f6a7b (run ${SCORED_ID}, case tr-2c3d4e5f6a7b #0)`, reason: "same-input", detail: expectedId, duplicateIn: "batch" },
    ]);
    expect(await validateDatasetFile(target)).toMatchObject({ cases: [{ id: expectedId }, {}] });
  });

  it("gives the same ids on every run, and adds nothing the second time", async () => {
    const options = { from: SCORED, where: ["outcome=fail"], to: target };
    const first = await addCasesFromRun(options);
    const bytes = await readFile(target);
    const again = await addCasesFromRun({ ...options, to: join(dir, "other.jsonl") });
    expect(again.added.map((c) => c.id)).toEqual(first.added.map((c) => c.id));

    const rerun = await addCasesFromRun(options);
    expect(rerun.added).toEqual([]);
    // Four trials matched: three distinct inputs, all now in the file.
    expect(rerun.skipped.map((s) => [s.reason, s.duplicateIn])).toEqual(Array(4).fill(["same-input", "file"]));
    expect(await readFile(target)).toEqual(bytes);
    expect(rerun.sha256After).toBeUndefined();
  });

  it("appends after the cases already there, never rewriting them, and skips an input the file already has", async () => {
    const existing = '{"id": "refund-annual", "input": "I bought an annual  Plus plan last week. Can I get my money back"}\n{"id": "price-team", "input": "How much is Team?"}';
    await writeFile(join(dir, "cases.jsonl"), existing);
    const file = join(dir, "cases.jsonl");
    const result = await addCasesFromRun({ from: SCORED, where: ["judge:grounded-in-context=fail", "tag:refund"], to: file });
    expect(result.added).toEqual([]);
    expect(result.skipped.map((s) => [s.reason, s.detail, s.duplicateIn])).toEqual([
      ["same-input", "refund-annual", "file"],
      ["same-input", "refund-annual", "file"],
    ]);

    const before = await readFile(file);
    const added = await addCasesFromRun({ from: SCORED, where: ["check:valid-json=fail"], to: file });
    const after = await readFile(file);
    expect(added.added.map((c) => c.id)).toEqual([expect.stringMatching(/^trace-tr-3d4e5f6a7b8c-/)]);
    // The old bytes stay as they were; the missing final newline is supplied before the new line.
    expect(after.subarray(0, before.length)).toEqual(before);
    expect(after.subarray(before.length, before.length + 1).toString()).toBe("\n");
    expect(added.sha256Before).toBe(sha256(before));
    expect(added.sha256After).toBe(sha256(after));
    expect(added.sha256After).not.toBe(added.sha256Before);
    expect((await validateDatasetFile(file)).cases.map((c) => c.id)).toEqual(["refund-annual", "price-team", added.added[0]?.id]);
  });

  it("writes nothing on a dry run", async () => {
    const result = await addCasesFromRun({ from: SCORED, where: ["guard:pii-out=triggered"], to: target, dryRun: true });
    expect(result.added).toHaveLength(1);
    await expect(readFile(target)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("takes a run id under the reports directory, and without a production trace keeps the run, case and trial as provenance", async () => {
    const result = await addCasesFromRun({ from: "support-bot", reportsDir: RUNS, to: target });
    // 4 cases × 3 trials: the repeats of a case are one input, so one case each.
    expect(result).toMatchObject({ trials: 12, matched: 12 });
    expect(result.added).toHaveLength(4);
    expect(result.skipped.filter((s) => s.reason === "same-input")).toHaveLength(8);
    const [first] = await linesOf(target);
    expect(first).toEqual({
      id: expect.stringMatching(/^run-refund-policy-0-20250601-100000-[a-z-]*[0-9a-f]{8}$/),
      input: { question: "Can I get a refund after 30 days?" },
      metadata: { source_run: "20250601-100000-support-bot-a1b2", source_case: "refund-policy", source_trial: 0 },
    });
  });
});

describe("evalgate dataset add (CLI)", () => {
  it("appends, reports what it skipped, and the file passes validate", async () => {
    const args = ["dataset", "add", "--from", SCORED, "--where", "judge:grounded-in-context=fail", "--tag", "prod-2026-12", "--to", target];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const hash = sha256(await readFile(target));
    expect(first.stdout).toContain(`sha256 (new file) → ${hash}\n`);
    expect(first.stdout.replaceAll(target, "<file>").replace(hash, "<sha256>")).toMatchInlineSnapshot(`
      "added 2 cases to <file> from 3 matching trials of 5 in run 2026-12-01T03-00-00Z-score-7c1e
        + trace-tr-0a1b2c3d4e5f-5a5a5775  I bought an annual Plus plan last week. Can I get my money back?
        + trace-tr-4e5f6a7b8c9d-30214427  [{"role":"user","content":"My notes stopped syncing after the update."},{"role"…
      skipped 1 trial whose input repeats an earlier one of this batch
      sha256 (new file) → <sha256>
      "
    `);
    const second = await runCli([...args, "--json"]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ added: 0, skipped: 3, matched: 3, cases: [] });
    const validated = await runCli(["validate", "--dataset", target]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain("2 cases, no problems");
  });

  it("refuses a CSV target and an unknown judge with messages that say what to do", async () => {
    const csv = await runCli(["dataset", "add", "--from", SCORED, "--to", join(dir, "cases.csv")]);
    expect(csv.code).toBe(2);
    expect(csv.stderr.replaceAll(dir, "<dir>")).toMatchInlineSnapshot(`
      "evalgate: Cannot append cases to <dir>/cases.csv: new cases are appended as JSONL only (a CSV row cannot hold a conversation or provenance metadata without quoting JSON into cells); write them to a .jsonl file and list both files under the suite's dataset key.
      "
    `);
    const judge = await runCli(["dataset", "add", "--from", SCORED, "--where", "judge:grounded=fail", "--to", target]);
    expect(judge.code).toBe(2);
    expect(judge.stderr).toMatchInlineSnapshot(`
      "evalgate: --where judge:grounded: run 2026-12-01T03-00-00Z-score-7c1e has no judge "grounded"; its judges are grounded-in-context.
      "
    `);
  });
});
