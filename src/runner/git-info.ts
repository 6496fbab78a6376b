import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Commit and branch of the suite's repository, when it is one (recorded so runs
 * tie back to code), and whether tracked files had uncommitted changes: then
 * the commit alone does not say what ran.
 */
export async function gitInfo(cwd: string): Promise<{ commit?: string; branch?: string; dirty?: boolean }> {
  const [commit, branch, status] = await Promise.all([
    git(cwd, ["rev-parse", "HEAD"]),
    git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"]),
    git(cwd, ["status", "--porcelain", "--untracked-files=no"], true),
  ]);
  return {
    ...(commit ? { commit } : {}),
    ...(branch && branch !== "HEAD" ? { branch } : {}),
    ...(commit && status !== undefined ? { dirty: status !== "" } : {}),
  };
}

async function git(cwd: string, args: string[], keepEmpty = false): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, timeout: 5000 });
    return keepEmpty ? stdout.trim() : stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
