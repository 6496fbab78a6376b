import { mkdir, open, readFile, rename, truncate, writeFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { EvalgateError, RunNotFoundError } from "../errors.js";
import { migrateTrialLine } from "./migrate.js";
import { RunManifestSchema, type RunManifest, type TrialRecord } from "./schema.js";

/** Where one run lives: reports/<run-id>/{run.json, results.jsonl, summary.json, report.md}. */
export interface RunPaths {
  dir: string;
  manifest: string;
  results: string;
  summary: string;
  reportMarkdown: string;
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
  };
}

/** Writes via a temp file and rename, so a crash never leaves half a JSON document. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temp, file);
}

export async function writeManifest(paths: RunPaths, manifest: RunManifest): Promise<void> {
  await mkdir(paths.dir, { recursive: true });
  await writeJsonAtomic(paths.manifest, manifest);
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
 * Append-only results: each finished trial is one write of one line, awaited
 * before the trial counts as done, so a crash loses nothing already finished.
 * Writes are serialised so lines never interleave.
 */
export interface ResultsWriter {
  append(record: TrialRecord): Promise<void>;
  close(): Promise<void>;
}

export async function openResultsWriter(file: string): Promise<ResultsWriter> {
  const handle: FileHandle = await open(file, "a");
  let queue: Promise<void> = Promise.resolve();
  return {
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      queue = queue.then(() => handle.appendFile(line));
      return queue;
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}

export interface ReadResults {
  trials: TrialRecord[];
  /** A last line cut short by a crash mid-write; it is ignored (its trial re-runs on resume). */
  truncatedTail: boolean;
}

export async function readResults(file: string): Promise<ReadResults> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { trials: [], truncatedTail: false };
    throw error;
  }
  const lines = text.split("\n");
  const trials: TrialRecord[] = [];
  let truncatedTail = false;
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const isLast = index === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // Only the final line can be partial: it was being written when the process died.
      if (isLast) {
        truncatedTail = true;
        return;
      }
      throw new EvalgateError("RESULTS_LOG_INVALID", `${file}:${index + 1}: not valid JSON. The results log is append-only; was it edited by hand?`);
    }
    trials.push(migrateTrialLine(value, `${file}:${index + 1}`));
  });
  return { trials, truncatedTail };
}

/**
 * Cuts a last line left half-written by a crash, so appending after a resume
 * starts on a fresh line. Only that unfinished trial is dropped; it runs again.
 */
export async function dropTruncatedTail(file: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return;
  await truncate(file, bytes.lastIndexOf(0x0a) + 1);
}

export interface RunData {
  paths: RunPaths;
  manifest: RunManifest;
  trials: TrialRecord[];
}

/** Reads a run directory: the only way readers (summary, gate, tracking) should load a run. */
export async function readRun(dir: string): Promise<RunData> {
  const paths = runPathsIn(dir);
  const manifest = await readManifest(paths);
  const { trials } = await readResults(paths.results);
  return { paths, manifest, trials };
}

function lastSegment(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

function parentDir(path: string): string {
  return path.slice(0, path.length - lastSegment(path).length).replace(/[\\/]$/, "") || ".";
}
