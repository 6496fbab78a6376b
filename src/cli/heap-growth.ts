import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what survived the last full collection
 * before collecting again: 1 + percent / 100.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * A run keeps little alive (the cases, the modules, the trials in flight:
 * about 50-60 MB at 100,000 cases) but allocates a lot per trial, and what is
 * in flight across an await is promoted to the old generation. Left to its
 * own heuristic, V8 grows the heap up to four times the live size before a
 * full collection, so RSS swings between 170 and 350 MB, and more, with
 * nothing retained. Growing by half keeps the peak near the live size for a
 * few percent more CPU (more full collections of a small heap). The maximum
 * heap size is untouched: a run that does hold more still gets it. Set only
 * by the `evalgate` executable, which owns its process; a library user's
 * process is left alone, and a `--heap-growing-percent` given to node wins.
 */
export function tuneHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
