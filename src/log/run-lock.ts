import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { RunLockedError } from "../errors.js";
import { guardWrite } from "./write-failure.js";

/** The lock file inside a run directory, present while a process writes the run. */
export const RUN_LOCK_FILE = "run.lock";

export const RunLockInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  started_at: z.iso.datetime(),
});
export type RunLockInfo = z.infer<typeof RunLockInfoSchema>;

/** "alive": the writer runs; "gone": it died (same host, no such pid); "unknown": another host. */
export type WriterState = "alive" | "gone" | "unknown";

export interface RunLock {
  info: RunLockInfo;
  /** Removes the lock if it is still this process's. */
  release(): Promise<void>;
}

/**
 * Takes the run directory for this process, so two processes never append to
 * one results log (a resume started while the run is still live). Creation is
 * atomic: the lock is written to a private file and hard-linked into place,
 * which fails if a lock exists, so no reader ever sees half a lock. A lock left
 * by a process that is gone (same host, pid not running) is taken over.
 */
export async function acquireRunLock(dir: string, runId: string): Promise<RunLock> {
  const file = join(dir, RUN_LOCK_FILE);
  const info: RunLockInfo = { pid: process.pid, host: hostname(), started_at: new Date().toISOString() };
  const temp = join(dir, `${RUN_LOCK_FILE}.${process.pid}.tmp`);
  await guardWrite(temp, () => writeFile(temp, `${JSON.stringify(info)}\n`));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await linkOnce(temp, file)) return { info, release: () => releaseLock(file, info) };
      const holder = await readRunLock(dir);
      if (holder && writerState(holder) !== "gone") throw new RunLockedError(lockedMessage(runId, file, holder));
      await removeStaleLock(file, holder);
    }
    throw new RunLockedError(`run ${runId}: could not take ${file}; another process keeps replacing it. Try again.`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The lock of a run directory, if one is there (readers use it to tell a live run from a crashed one). */
export async function readRunLock(dir: string): Promise<RunLockInfo | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_LOCK_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = RunLockInfoSchema.safeParse(safeJson(text));
  // An unreadable lock still means "someone may be writing"; treat it as held by nobody we can check.
  return parsed.success ? parsed.data : { pid: 1, host: "(unreadable lock file)", started_at: new Date(0).toISOString() };
}

/** Whether the process that holds a lock still runs. Only a pid on this host can be checked. */
export function writerState(lock: Pick<RunLockInfo, "pid" | "host">): WriterState {
  if (lock.host !== hostname()) return "unknown";
  try {
    process.kill(lock.pid, 0);
    return "alive";
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH" ? "gone" : "alive";
  }
}

function lockedMessage(runId: string, file: string, holder: RunLockInfo): string {
  const fix =
    writerState(holder) === "unknown"
      ? `wait for it or, if that process is gone, delete ${file} and resume again`
      : `wait for it to finish (evalgate report ${runId} shows the trials so far), or stop it (Ctrl-C) and resume again`;
  return `run ${runId} is being written by pid ${holder.pid} on host ${holder.host} since ${holder.started_at}; ${fix}.`;
}

async function linkOnce(temp: string, file: string): Promise<boolean> {
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Moves a dead writer's lock aside, then checks that what was moved is that
 * lock: if another process took over in between, its fresh lock is put back.
 */
async function removeStaleLock(file: string, stale: RunLockInfo | undefined): Promise<void> {
  const aside = `${file}.stale.${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = safeJson(await readFile(aside, "utf8").catch(() => ""));
  const same = stale && JSON.stringify(RunLockInfoSchema.safeParse(moved).data) === JSON.stringify(stale);
  if (!same) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function releaseLock(file: string, info: RunLockInfo): Promise<void> {
  const current = safeJson(await readFile(file, "utf8").catch(() => ""));
  if (JSON.stringify(RunLockInfoSchema.safeParse(current).data) === JSON.stringify(info)) await unlink(file).catch(() => undefined);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
