import { loadRunAlignment } from "../alignment/index.js";
import { checkRunHealth, forEachTrial, readManifest, runPathsIn, type RunData, type RunManifest, type ResultsScan } from "../log/index.js";
import { createSummaryAggregator, type SummarizeOptions } from "./summary-aggregator.js";
import type { Summary } from "./summary-schema.js";

/** A recorded run without its trials: what a streaming reader keeps. */
export type RunSummary = Omit<RunData, "trials"> & { summary: Summary; scan: ResultsScan };

/**
 * The summary of a recorded run as `evalgate run` wrote it: from run.json and
 * results.jsonl, plus the align results of its judges in the labels/ folder
 * of the suite it was made from (so aligned judges show their corrected pass
 * rate again). One streaming pass over the log: its trials are never all in
 * memory.
 */
export async function summarizeRun(runDir: string, options: Omit<SummarizeOptions, "alignment"> = {}): Promise<RunSummary> {
  const paths = runPathsIn(runDir);
  const manifest = await readManifest(paths);
  const { summary, scan } = await summarizeResults(paths.results, manifest, { ...options, alignment: await loadRunAlignment(manifest) });
  return { paths, manifest, summary, scan, health: await checkRunHealth(runDir, manifest, scan.duplicates) };
}

/** summarize over a results file, read line by line. */
export async function summarizeResults(file: string, manifest: RunManifest, options: SummarizeOptions = {}): Promise<{ summary: Summary; scan: ResultsScan }> {
  let aggregator = createSummaryAggregator(manifest, options);
  const scan = await forEachTrial(file, () => {
    aggregator = createSummaryAggregator(manifest, options);
    return aggregator.add;
  });
  return { summary: aggregator.finish(), scan };
}
