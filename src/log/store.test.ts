import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forEachTrial } from "./read-results.js";
import { dropTruncatedTail, openResultsWriter, readResults } from "./store.js";
import { RESULTS_SCHEMA_VERSION, type TrialRecord } from "./schema.js";

function trial(caseId: string, index: number): TrialRecord {
  return {
    schema_version: RESULTS_SCHEMA_VERSION,
    run_id: "r1",
    case_id: caseId,
    trial: index,
    started_at: "2026-01-01T00:00:00.000Z",
    ended_at: "2026-01-01T00:00:01.000Z",
    latency_ms: 1000,
    status: "ok",
    input: "hi",
    output: "hello",
    checks: [],
    judges: [],
  };
}

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "evalgate-store-")), "results.jsonl");
}

describe("results log", () => {
  it("appends one line per trial and reads them back in order", async () => {
    const file = await tempFile();
    const writer = await openResultsWriter(file);
    await Promise.all([writer.append(trial("a", 0)), writer.append(trial("a", 1)), writer.append(trial("b", 0))]);
    await writer.close();
    const { trials, truncatedTail } = await readResults(file);
    expect(trials.map((t) => `${t.case_id}#${t.trial}`)).toEqual(["a#0", "a#1", "b#0"]);
    expect(truncatedTail).toBe(false);
  });

  it("ignores a last line cut short by a crash, and drops it before appending again", async () => {
    const file = await tempFile();
    const whole = `${JSON.stringify(trial("a", 0))}\n`;
    const partial = JSON.stringify(trial("a", 1)).slice(0, 40);
    await writeFile(file, whole + partial);

    expect((await readResults(file)).truncatedTail).toBe(true);
    await dropTruncatedTail(file);
    expect(await readFile(file, "utf8")).toBe(whole);

    const writer = await openResultsWriter(file);
    await writer.append(trial("a", 1));
    await writer.close();
    const { trials, truncatedTail } = await readResults(file);
    expect(trials.map((t) => `${t.case_id}#${t.trial}`)).toEqual(["a#0", "a#1"]);
    expect(truncatedTail).toBe(false);
  });

  it("refuses a corrupt line in the middle, naming file and line", async () => {
    const file = await tempFile();
    await writeFile(file, `${JSON.stringify(trial("a", 0))}\nnot json\n${JSON.stringify(trial("a", 1))}\n`);
    await expect(readResults(file)).rejects.toThrow(`${file}:2: not valid JSON`);
  });

  it("refuses a results line from a newer evalgate", async () => {
    const file = await tempFile();
    await writeFile(file, `${JSON.stringify({ ...trial("a", 0), schema_version: 99 })}\n`);
    await expect(readResults(file)).rejects.toThrow(/schema_version 99 is newer than this evalgate understands/);
  });

  it("drops a partial last line longer than the chunk it reads backwards", async () => {
    const file = await tempFile();
    const whole = `${JSON.stringify(trial("a", 0))}\n`;
    const partial = JSON.stringify({ ...trial("a", 1), output: "x".repeat(200_000) }).slice(0, 150_000);
    await writeFile(file, whole + partial);
    await dropTruncatedTail(file);
    expect(await readFile(file, "utf8")).toBe(whole);
    await writeFile(file, partial);
    await dropTruncatedTail(file);
    expect(await readFile(file, "utf8")).toBe("");
  });

  it("refuses a corrupt last line that ends with a newline: it was written whole", async () => {
    const file = await tempFile();
    await writeFile(file, `${JSON.stringify(trial("a", 0))}\nnot json\n`);
    await expect(readResults(file)).rejects.toThrow(`${file}:2: not valid JSON`);
  });

  it("hands each (case, trial) to the sink once, the later line winning, and names the duplicates", async () => {
    const file = await tempFile();
    const lines = [trial("a", 0), { ...trial("a", 1), output: "first" }, trial("b", 0), { ...trial("a", 1), output: "second" }];
    await writeFile(file, lines.map((t) => `${JSON.stringify(t)}\n`).join(""));
    const passes: string[][] = [];
    const scan = await forEachTrial(file, () => {
      const seen: string[] = [];
      passes.push(seen);
      return (record, latest) => {
        if (latest) seen.push(`${record.case_id}#${record.trial}:${record.output}`);
      };
    });
    expect(passes.at(-1)).toEqual(["a#0:hello", "b#0:hello", "a#1:second"]);
    expect(scan).toEqual({ trials: 3, duplicates: [{ caseId: "a", trial: 1, extra: 1, line: 4 }], truncatedTail: false });

    const again: string[] = [];
    await forEachTrial(file, () => (record, latest) => {
      if (latest) again.push(`${record.case_id}#${record.trial}:${record.output}`);
    }, scan);
    expect(again).toEqual(passes.at(-1));
  });
});
