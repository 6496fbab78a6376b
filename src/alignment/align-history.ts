import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { AlignHistoryEntrySchema, type AlignHistoryEntry } from "./align-schema.js";

const HISTORY = "align-history.jsonl";
const TEST_VIEWINGS = "test-viewings.jsonl";

export async function appendAlignHistory(labels: string, entry: AlignHistoryEntry): Promise<void> {
  await mkdir(labels, { recursive: true });
  await appendFile(join(labels, HISTORY), `${JSON.stringify(entry)}\n`);
}

/** Every align result stored for a judge, oldest first. */
export async function readAlignHistory(labels: string, judgeId?: string): Promise<AlignHistoryEntry[]> {
  const entries = (await readLines(join(labels, HISTORY))).map((line) => AlignHistoryEntrySchema.parse(JSON.parse(line)));
  return judgeId === undefined ? entries : entries.filter((entry) => entry.judge === judgeId);
}

/**
 * Records one look at the test split and returns how many there have been
 * for this judge version. The test split estimates how the judge does on
 * unseen data only while nobody tunes against it; the count makes repeated
 * peeking visible instead of forbidding it.
 */
export async function recordTestViewing(labels: string, viewing: { judge: string; version: string; label_set: string; label_set_version: string; at: string }): Promise<number> {
  await mkdir(labels, { recursive: true });
  const file = join(labels, TEST_VIEWINGS);
  await appendFile(file, `${JSON.stringify(viewing)}\n`);
  return (await readLines(file)).map((line) => JSON.parse(line) as typeof viewing).filter((v) => v.judge === viewing.judge && v.version === viewing.version).length;
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, "utf8")).split("\n").filter((line) => line.trim() !== "");
  } catch {
    return [];
  }
}
