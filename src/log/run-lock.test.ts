import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireRunLock, readRunLock, RUN_LOCK_FILE } from "./run-lock.js";

describe("the run lock", () => {
  it("is taken by one process at a time and removed on release", async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-lock-unit-"));
    const lock = await acquireRunLock(dir, "r1");
    expect(await readRunLock(dir)).toEqual({ pid: process.pid, host: hostname(), started_at: lock.info.started_at });
    await expect(acquireRunLock(dir, "r1")).rejects.toThrow(`run r1 is being written by pid ${process.pid} on host ${hostname()} since ${lock.info.started_at}`);
    await lock.release();
    expect(await readRunLock(dir)).toBeUndefined();
  });

  it("refuses a lock held on another host, whose pid cannot be checked, and says how to clear it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-lock-unit-"));
    await writeFile(join(dir, RUN_LOCK_FILE), JSON.stringify({ pid: 4242, host: "ci-runner-7", started_at: "2026-01-02T03:04:05.000Z" }));
    await expect(acquireRunLock(dir, "r2")).rejects.toThrow(
      `run r2 is being written by pid 4242 on host ci-runner-7 since 2026-01-02T03:04:05.000Z; wait for it or, if that process is gone, delete ${join(dir, RUN_LOCK_FILE)} and resume again.`,
    );
  });

  it("takes over a lock whose process is gone on this host", async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-lock-unit-"));
    // Linux pids stay below 2^22, so this pid is never running.
    await writeFile(join(dir, RUN_LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), started_at: "2026-01-02T03:04:05.000Z" }));
    const lock = await acquireRunLock(dir, "r3");
    expect(JSON.parse(await readFile(join(dir, RUN_LOCK_FILE), "utf8")).pid).toBe(process.pid);
    await lock.release();
  });
});
