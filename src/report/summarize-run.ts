import { loadRunAlignment } from "../alignment/index.js";
import { readRun, type RunData } from "../log/index.js";
import { summarize, type SummarizeOptions } from "./summarize.js";
import type { Summary } from "./summary-schema.js";

/**
 * The summary of a recorded run as `evalgate run` wrote it: from run.json and
 * results.jsonl, plus the align results of its judges in the labels/ folder
 * of the suite it was made from (so aligned judges show their corrected pass
 * rate again).
 */
export async function summarizeRun(runDir: string, options: Omit<SummarizeOptions, "alignment"> = {}): Promise<RunData & { summary: Summary }> {
  const run = await readRun(runDir);
  const summary = summarize(run.manifest, run.trials, { ...options, alignment: await loadRunAlignment(run.manifest) });
  return { ...run, summary };
}
