import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { createInterface } from "node:readline";
import { EvalgateError } from "../errors.js";
import { migrateTrialLine } from "./migrate.js";
import type { TrialRecord } from "./schema.js";
import { createTrialKeySet, type DuplicateTrial } from "./trial-keys.js";

/** One trial of the results log and the 1-based line it was read from. */
export interface ResultLine {
  record: TrialRecord;
  line: number;
}

/** What a reader learns about the log besides its trials. */
export interface ResultsTail {
  /** A last line cut short by a crash mid-write; it is ignored (its trial re-runs on resume). */
  truncatedTail: boolean;
}

/**
 * Reads results.jsonl line by line, migrating each line, so memory stays flat
 * however long the run. `tail.truncatedTail` is set once the file has been
 * read to its end. A missing file reads as empty.
 */
export async function* readResultLines(file: string, tail: ResultsTail = { truncatedTail: false }): AsyncGenerator<ResultLine> {
  const endsWithNewline = await lastByteIsNewline(file);
  if (endsWithNewline === undefined) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  // One line of lookahead: only the file's last line may be a partial write.
  let previous: { text: string; line: number } | undefined;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (previous) {
      const parsed = parseLine(previous.text, previous.line, false, file);
      if (parsed) yield { record: parsed, line: previous.line };
    }
    previous = { text, line };
  }
  if (!previous) return;
  const parsed = parseLine(previous.text, previous.line, !endsWithNewline, file);
  if (parsed) yield { record: parsed, line: previous.line };
  else if (!endsWithNewline && previous.text.trim() !== "") tail.truncatedTail = true;
}

function parseLine(text: string, line: number, mayBePartial: boolean, file: string): TrialRecord | undefined {
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Only an unfinished last line can be partial: it was being written when the process died.
    if (mayBePartial) return undefined;
    throw new EvalgateError("RESULTS_LOG_INVALID", `${file}:${line}: not valid JSON. The results log is append-only; was it edited by hand?`);
  }
  return migrateTrialLine(value, `${file}:${line}`);
}

/** Undefined when the file does not exist; true for an empty file (nothing is partial). */
async function lastByteIsNewline(file: string): Promise<boolean | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, size - 1);
    return byte[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

export interface ResultsScan extends ResultsTail {
  /** Distinct (case, trial) pairs handed to the sink. */
  trials: number;
  /** Pairs written more than once; the later line of each is the one the sink saw. */
  duplicates: DuplicateTrial[];
}

/**
 * Receives trials; `latest` false marks an earlier line of a (case, trial)
 * written again later: it does not count, but shows where its case first
 * appears in the log.
 */
export type TrialSink = (record: TrialRecord, latest: boolean) => void | Promise<void>;

/**
 * Hands every distinct trial of the log to a sink, once, in file order; when
 * a (case, trial) was written twice (a resumed run re-ran it, or two writers)
 * the later line wins. Streams: memory holds the trial keys, not the trials.
 * Duplicates are rare, so the log is read once, and a second time only when
 * some were found, with a fresh sink from `begin`; or once, when `known`
 * (an earlier scan of the same log) already names the duplicates.
 */
export async function forEachTrial(file: string, begin: () => TrialSink, known?: Pick<ResultsScan, "duplicates">): Promise<ResultsScan> {
  if (known) return forEachTrialKnowing(file, begin(), known.duplicates);
  const keys = createTrialKeySet();
  const tail: ResultsTail = { truncatedTail: false };
  let sink = begin();
  for await (const { record, line } of readResultLines(file, tail)) {
    keys.add(record.case_id, record.trial, line);
    const pending = sink(record, true);
    if (pending) await pending;
  }
  const duplicates = keys.duplicates();
  if (duplicates.length === 0) return { trials: keys.size, duplicates, truncatedTail: tail.truncatedTail };
  sink = begin();
  for await (const { record, line } of readResultLines(file)) {
    const pending = sink(record, keys.isWinner(record.case_id, record.trial, line));
    if (pending) await pending;
  }
  return { trials: keys.size, duplicates, truncatedTail: tail.truncatedTail };
}

/**
 * The log's lines in file order, each marked latest or not, when an earlier
 * scan of the same log already named its duplicates and their winning lines:
 * one pass, no keys kept.
 */
export async function* readLatestLines(file: string, known: Pick<ResultsScan, "duplicates">, tail?: ResultsTail): AsyncGenerator<ResultLine & { latest: boolean }> {
  const winners = new Map(known.duplicates.map((d) => [JSON.stringify([d.caseId, d.trial]), d.line]));
  for await (const result of readResultLines(file, tail)) {
    const winner = winners.size === 0 ? undefined : winners.get(JSON.stringify([result.record.case_id, result.record.trial]));
    yield { ...result, latest: winner === undefined || winner === result.line };
  }
}

async function forEachTrialKnowing(file: string, sink: TrialSink, duplicates: readonly DuplicateTrial[]): Promise<ResultsScan> {
  const tail: ResultsTail = { truncatedTail: false };
  let trials = 0;
  for await (const { record, latest } of readLatestLines(file, { duplicates: [...duplicates] }, tail)) {
    if (latest) trials++;
    const pending = sink(record, latest);
    if (pending) await pending;
  }
  return { trials, duplicates: [...duplicates], truncatedTail: tail.truncatedTail };
}
