import { mkdir } from "node:fs/promises";
import { dirname, isAbsolute, relative } from "node:path";
import { WriteFailedError } from "../errors.js";

/** The system's own short wording, so the one-line message reads like `df` or `touch` would. */
const REASONS: Record<string, string> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EIO: "input/output error",
  EFBIG: "file too large",
  ENOTDIR: "a parent path is not a directory",
  EISDIR: "is a directory",
};

/** Turns a failed filesystem write into a WriteFailedError naming the file and the reason. */
export function writeFailure(error: unknown, file: string): WriteFailedError {
  if (error instanceof WriteFailedError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new WriteFailedError(displayPath(file), reason, { cause: error });
}

/** Runs one write, converting its failure with writeFailure. */
export async function guardWrite<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw writeFailure(error, file);
  }
}

/**
 * mkdir -p that reports the real cause. Node's recursive mkdir answers ENOENT
 * on a read-only file system or an unwritable parent (it retries the parent,
 * then reports the child); creating the missing levels one by one surfaces
 * EROFS or EACCES on the level that actually failed.
 */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw writeFailure(error, dir);
    await makeLevelByLevel(dir);
    throw writeFailure(error, dir);
  }
}

async function makeLevelByLevel(dir: string): Promise<void> {
  const parent = dirname(dir);
  if (parent !== dir) {
    try {
      await mkdir(parent, { recursive: true });
    } catch {
      await makeLevelByLevel(parent);
    }
  }
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw writeFailure(error, dir);
  }
}

/** Relative to the working directory when inside it ("reports/…"), as users typed it. */
function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const fromCwd = relative(process.cwd(), file);
  return fromCwd && !fromCwd.startsWith("..") && !isAbsolute(fromCwd) ? fromCwd : file;
}
