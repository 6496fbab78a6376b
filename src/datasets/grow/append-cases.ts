import { createHash } from "node:crypto";
import { mkdir, open, readFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { DatasetError, EvalgateError } from "../../errors.js";
import { CaseSchema, type Case, type CaseInput } from "../case-schema.js";
import { loadDataset } from "../load-dataset.js";
import { inputKey } from "./normalise-text.js";

/** A case proposed for a dataset file, with where it came from for messages. */
export interface CaseCandidate {
  case: CaseInput;
  /** e.g. "trace tr-7f3a (run 2026-12-01T10-00-00Z-a1b2, case q17 #0)". */
  source: string;
}

/** A candidate left out, and why. */
export interface SkippedCase {
  id: string;
  source: string;
  /** same-input: its normalised input equals an existing or earlier case's; same-id: its id is taken; invalid: not a valid case. */
  reason: "same-input" | "same-id" | "invalid";
  /** The case it duplicates (same-input, same-id), or what is wrong (invalid). */
  detail: string;
  /** Where the duplicated case is: already in the file, or earlier in this batch. */
  duplicateIn?: "file" | "batch";
}

export interface AppendPlan {
  file: string;
  /** Cases already in the file. */
  existing: number;
  /** sha256 of the file before; undefined when it does not exist yet. */
  sha256Before?: string;
  add: Case[];
  skipped: SkippedCase[];
}

/**
 * Decides which candidates a JSONL dataset file gains: each must be a valid
 * case, with an id not yet used and an input (normalised, see inputKey) not
 * yet present, in the file or earlier in the batch. Reads the file, never
 * writes it. A file that does not validate is refused: appending to it would
 * hide its problems behind new lines.
 */
export async function planAppend(file: string, candidates: readonly CaseCandidate[]): Promise<AppendPlan> {
  requireJsonl(file);
  const current = await readExisting(file);
  const ids = new Set(current.cases.map((c) => c.id));
  const inputs = new Map(current.cases.map((c) => [inputKey(c.input), c.id]));
  const inFile = new Set(ids);
  const add: Case[] = [];
  const skipped: SkippedCase[] = [];
  for (const candidate of candidates) {
    const parsed = CaseSchema.safeParse(candidate.case);
    const id = String(candidate.case.id);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ id, source: candidate.source, reason: "invalid", detail: `${issue?.path.join(".") || "case"}: ${issue?.message ?? "invalid"}` });
      continue;
    }
    const key = inputKey(parsed.data.input);
    const sameInput = inputs.get(key);
    if (sameInput !== undefined) {
      skipped.push({ id, source: candidate.source, reason: "same-input", detail: sameInput, duplicateIn: inFile.has(sameInput) ? "file" : "batch" });
      continue;
    }
    if (ids.has(id)) {
      skipped.push({ id, source: candidate.source, reason: "same-id", detail: id, duplicateIn: inFile.has(id) ? "file" : "batch" });
      continue;
    }
    ids.add(id);
    inputs.set(key, id);
    add.push(parsed.data);
  }
  return { file, existing: current.cases.length, ...(current.sha256 ? { sha256Before: current.sha256 } : {}), add, skipped };
}

/**
 * Appends cases to a JSONL file, one line each, then syncs it: lines already
 * there are never rewritten, so the file's history stays a plain append and
 * a concurrent reader never sees a half-replaced file. Returns the new sha256.
 */
export async function appendCases(file: string, cases: readonly Case[]): Promise<string> {
  requireJsonl(file);
  await mkdir(dirname(file), { recursive: true });
  const before = await readBytes(file);
  // A last line without its newline would otherwise be joined to the first new case.
  const separator = before && before.length > 0 && before[before.length - 1] !== 0x0a ? "\n" : "";
  const text = separator + cases.map((c) => `${JSON.stringify(c)}\n`).join("");
  const handle = await open(file, "a");
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return sha256((await readBytes(file)) ?? Buffer.alloc(0));
}

/** Refuses a target that cannot be appended to (anything but .jsonl / .ndjson), before any work is done. */
export function requireJsonl(file: string): void {
  const extension = extname(file).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") return;
  const hint = extension === ".csv"
    ? "new cases are appended as JSONL only (a CSV row cannot hold a conversation or provenance metadata without quoting JSON into cells); write them to a .jsonl file and list both files under the suite's dataset key"
    : "write to a .jsonl file";
  throw new EvalgateError("CONFIG_INVALID", `Cannot append cases to ${file}: ${hint}.`);
}

async function readExisting(file: string): Promise<{ cases: Case[]; sha256?: string }> {
  const bytes = await readBytes(file);
  if (bytes === undefined) return { cases: [] };
  // An empty file is a dataset not started yet, not a broken one.
  if (bytes.toString("utf8").trim() === "") return { cases: [], sha256: sha256(bytes) };
  try {
    const dataset = await loadDataset([file]);
    return { cases: dataset.cases, sha256: dataset.files[0]?.sha256 ?? sha256(bytes) };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    throw new EvalgateError("DATASET_INVALID", `No case was added to ${file}: fix it first (evalgate validate --dataset shows the same). ${error.message}`, { cause: error });
  }
}

async function readBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
