import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Commit and branch of the suite's repository, when it is one (recorded so runs tie back to code). */
export async function gitInfo(cwd: string): Promise<{ commit?: string; branch?: string }> {
  const [commit, branch] = await Promise.all([git(cwd, ["rev-parse", "HEAD"]), git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"])]);
  return { ...(commit ? { commit } : {}), ...(branch && branch !== "HEAD" ? { branch } : {}) };
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
