import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";

export interface ManagedProcess {
  child: ChildProcess;
  /** Last output lines, for error messages when the process dies or never gets ready. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns a server in its own process group so stop() can end it and the
 * workers it forks (uvicorn, gunicorn) by its own pid, and nothing else.
 */
export function spawnManaged(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ManagedProcess {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  return {
    child,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const pid = child.pid;
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return;
      }
      const timedOut = await Promise.race([exited.then(() => false), delay(10_000).then(() => true)]);
      if (timedOut) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
    },
  };
}

/** Polls `url` until it answers 2xx; fails with the process output if it exits or times out. */
export async function waitForHttp(url: string, proc: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`Server exited with code ${proc.child.exitCode} before ${url} answered:\n${proc.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  await proc.stop();
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${proc.output()}`);
}
