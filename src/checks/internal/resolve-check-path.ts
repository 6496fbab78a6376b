import { resolve } from "node:path";

/** A file named in a check config: the config loader made it absolute; a still-relative one is taken from baseDir. */
export function resolveCheckPath(baseDir: string, file: string): string {
  return resolve(baseDir, file);
}
