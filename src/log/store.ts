import { open, readFile, rename, truncate, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import { EvalgateError, RunNotFoundError, type WriteFailedError } from "../errors.js";
import { duplicateTrials } from "./order-trials.js";
import { readResultLines, type ResultsTail } from "./read-results.js";
import { checkRunHealth, type RunHealth } from "./run-health.js";
import { guardWrite, makeDirectory, writeFailure } from "./write-failure.js";
import { RunManifestSchema, type RunManifest, type TrialRecord } from "./schema.js";

/** Where one run lives: reports/<run-id>/{run.json, results.jsonl, summary.json, report.md, report.html, results.csv}. */
export interface RunPaths {
  dir: string;
  manifest: string;
  results: string;
  summary: string;
  reportMarkdown: string;
  reportHtml: string;
  /** results.jsonl flattened to one row per trial × metric, for spreadsheets. */
  resultsCsv: string;
}

export function runPaths(reportsDir: string, runId: string): RunPaths {
  const dir = join(reportsDir, runId);
  return runPathsIn(dir);
}

export function runPathsIn(dir: string): RunPaths {
  return {
    dir,
    manifest: join(dir, "run.json"),
    results: join(dir, "results.jsonl"),
    summary: join(dir, "summary.json"),
    reportMarkdown: join(dir, "report.md"),
    reportHtml: join(dir, "report.html"),
    resultsCsv: join(dir, "results.csv"),
  };
}

/**
 * Writes via a temp file, fsync and rename, so a crash or power loss leaves
 * either the old document or the new one, never half of one. A failure is a
 * WriteFailedError naming the file ("no space left on device").
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileDurably(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** writeJsonAtomic for text (report.md). */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await guardWrite(file, async () => {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await syncDirectory(dirname(file));
  });
}

const WRITE_BLOCK_CHARS = 256 * 1024;

/**
 * writeFileDurably for a document written piece by piece (results.csv of a
 * large run): `produce` calls `write` for each chunk, so it is never built
 * whole in memory.
 */
export async function writeStreamDurably(file: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await guardWrite(file, async () => {
    const handle = await open(temp, "w");
    try {
      // Chunks are gathered up to a block size, so a million small rows are a few hundred writes.
      let pending: string[] = [];
      let pendingChars = 0;
      const flush = async () => {
        if (pending.length === 0) return;
        const text = pending.join("");
        pending = [];
        pendingChars = 0;
        await handle.write(text);
      };
      await produce(async (chunk) => {
        pending.push(chunk);
        pendingChars += chunk.length;
        if (pendingChars >= WRITE_BLOCK_CHARS) await flush();
      });
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await syncDirectory(dirname(file));
  });
}

export async function writeManifest(paths: RunPaths, manifest: RunManifest): Promise<void> {
  await makeDirectory(paths.dir);
  await writeJsonAtomic(paths.manifest, manifest);
}

/** Makes a rename or a new file's name durable (POSIX); Windows cannot open directories, and needs not. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Best effort: the data itself is already synced.
  } finally {
    await handle?.close();
  }
}

export async function readManifest(paths: RunPaths): Promise<RunManifest> {
  let text: string;
  try {
    text = await readFile(paths.manifest, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new RunNotFoundError(lastSegment(paths.dir), parentDir(paths.dir));
    throw error;
  }
  const parsed = RunManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EvalgateError("RESULTS_LOG_INVALID", `${paths.manifest}: invalid run manifest at ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * Append-only results: each finished trial is one line, synced to disk
 * (fdatasync) before the trial counts as done, so a crash or power loss
 * loses nothing already finished. Writes are serialised so lines never
 * interleave; lines finished together share one write and one sync. After
 * the first failed write every later append fails with the same
 * WriteFailedError, so the caller can stop at once.
 */
export interface ResultsWriter {
  append(record: TrialRecord): Promise<void>;
  close(): Promise<void>;
}

export async function openResultsWriter(file: string): Promise<ResultsWriter> {
  const handle: FileHandle = await guardWrite(file, () => open(file, "a"));
  // Group commit: lines appended while a write + fdatasync is under way wait
  // for the next one, which takes them all; each append still resolves only
  // once its own line is on disk. Under concurrency this is one sync per
  // batch instead of one per trial, with the same guarantee.
  let batch: { lines: string[]; done: Promise<void>; settle: (error?: unknown) => void } | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let failure: WriteFailedError | undefined;
  const flush = async () => {
    const current = batch!;
    batch = undefined;
    try {
      if (failure) throw failure;
      await handle.appendFile(current.lines.join(""));
      await handle.datasync();
      current.settle();
    } catch (error) {
      failure ??= writeFailure(error, file);
      current.settle(failure);
    }
  };
  return {
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      if (!batch) {
        let settle!: (error?: unknown) => void;
        const done = new Promise<void>((resolve, reject) => {
          settle = (error) => (error === undefined ? resolve() : reject(error));
        });
        batch = { lines: [], done, settle };
        flushing = flushing.then(flush);
      }
      batch.lines.push(line);
      return batch.done;
    },
    async close() {
      await flushing;
      await handle.close();
    },
  };
}

export interface ReadResults extends ResultsTail {
  /** Every line, duplicates included, in file order. */
  trials: TrialRecord[];
}

/**
 * Every trial of a results log in memory, read line by line (never as one
 * string). For logs that may be large, prefer forEachTrial or readResultLines.
 */
export async function readResults(file: string): Promise<ReadResults> {
  const tail: ResultsTail = { truncatedTail: false };
  const trials: TrialRecord[] = [];
  for await (const { record } of readResultLines(file, tail)) trials.push(record);
  return { trials, truncatedTail: tail.truncatedTail };
}

/** How far back from the end dropTruncatedTail reads at a time. */
const TAIL_CHUNK_BYTES = 64 * 1024;

/**
 * Cuts a last line left half-written by a crash, so appending after a resume
 * starts on a fresh line. Only that unfinished trial is dropped; it runs again.
 * Reads the file backwards from its end up to the last newline, not all of it.
 */
export async function dropTruncatedTail(file: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  let keep = 0;
  try {
    const { size } = await handle.stat();
    const chunk = Buffer.alloc(TAIL_CHUNK_BYTES);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - TAIL_CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (end === size && newline === bytesRead - 1) return;
      if (newline >= 0) {
        keep = start + newline + 1;
        break;
      }
      end = start;
    }
    if (size === 0) return;
  } finally {
    await handle.close();
  }
  await truncate(file, keep);
}

export interface RunData {
  paths: RunPaths;
  manifest: RunManifest;
  trials: TrialRecord[];
  /** Live or crashed, duplicate lines: what a reader should print before using the run. */
  health: RunHealth;
}

/** Reads a run directory: the only way readers (summary, gate, tracking) should load a run. */
export async function readRun(dir: string): Promise<RunData> {
  const paths = runPathsIn(dir);
  const manifest = await readManifest(paths);
  const { trials } = await readResults(paths.results);
  return { paths, manifest, trials, health: await checkRunHealth(dir, manifest, duplicateTrials(trials)) };
}

function lastSegment(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

function parentDir(path: string): string {
  return path.slice(0, path.length - lastSegment(path).length).replace(/[\\/]$/, "") || ".";
}
