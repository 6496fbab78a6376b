import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalJson } from "../config/index.js";
import { writeJsonAtomic } from "../log/index.js";
import { LabelError } from "./errors.js";
import { LabelSetSchema, type LabelSet } from "./label-set-schema.js";

/** Where a suite keeps its label sets: `labels/` next to the suite file. */
export function labelsDir(suiteDir: string): string {
  return join(suiteDir, "labels");
}

const NAME = /^[A-Za-z0-9][\w.-]*$/;

export function requireLabelSetName(name: string): void {
  if (!NAME.test(name)) throw new LabelError([{ file: name, message: `Invalid label-set name "${name}": use letters, digits, '-', '_' or '.', e.g. grounded-2025-06.` }]);
}

/** The content hash that names a version: judge, run and items, never the time of import. */
export function labelSetHash(content: Pick<LabelSet, "judge" | "run_id" | "items">): string {
  return createHash("sha256").update(canonicalJson({ judge: content.judge, run_id: content.run_id, items: content.items })).digest("hex").slice(0, 12);
}

/**
 * Saves a version unless it is identical to the latest one. Versions are
 * never overwritten: relabelling is a new file plus a line in versions.jsonl,
 * so how the labels (and the criteria behind them) moved stays on disk.
 */
export async function saveLabelSet(dir: string, set: LabelSet): Promise<{ saved: boolean; file: string }> {
  requireLabelSetName(set.name);
  const setDir = join(dir, set.name);
  const file = join(setDir, `${set.hash}.json`);
  const latest = await latestVersion(dir, set.name);
  if (latest === set.hash) return { saved: false, file };
  await mkdir(setDir, { recursive: true });
  await writeJsonAtomic(file, set);
  const pass = set.items.filter((item) => item.label === "pass").length;
  await appendFile(join(setDir, "versions.jsonl"), `${JSON.stringify({ hash: set.hash, previous: set.previous, created_at: set.created_at, items: set.items.length, pass, fail: set.items.length - pass })}\n`);
  return { saved: true, file };
}

/** `name` (its latest version) or `name@hash`. */
export async function loadLabelSet(dir: string, ref: string): Promise<LabelSet> {
  const [name = "", pinned] = ref.split("@");
  requireLabelSetName(name);
  const hash = pinned ?? (await latestVersion(dir, name));
  if (!hash) throw new LabelError([{ file: join(dir, name), message: `No label set "${name}" under ${dir}. Import one with: evalgate label import <sheet> --as ${name}` }]);
  const file = join(dir, name, `${hash}.json`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new LabelError([{ file, message: `Label set "${name}" has no version ${hash}; see ${join(dir, name, "versions.jsonl")}.` }]);
  }
  const parsed = LabelSetSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new LabelError([{ file, message: `Not a label set: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join(".")}` }]);
  return parsed.data;
}

export async function latestVersion(dir: string, name: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, name, "versions.jsonl"), "utf8");
  } catch {
    return undefined;
  }
  const last = text.trim().split("\n").at(-1);
  return last ? (JSON.parse(last) as { hash: string }).hash : undefined;
}
