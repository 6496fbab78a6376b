import { visitLatest, type RunManifest, type TrialRecord } from "../log/index.js";
import { createSummaryAggregator, type SummarizeOptions } from "./summary-aggregator.js";
import type { Summary } from "./summary-schema.js";

export type { SummarizeOptions } from "./summary-aggregator.js";

/**
 * Summarizes a run from its manifest and results log. Pure: the same inputs
 * (and generatedAt) give the same summary, so `evalgate report` can recompute
 * it at any time from the files alone. A (case, trial) written twice counts
 * once, its later line winning. The trials in memory are handed one by one to
 * the aggregator a streaming pass uses (summarizeRun), so both agree.
 */
export function summarize(manifest: RunManifest, trials: readonly TrialRecord[], options: SummarizeOptions = {}): Summary {
  const aggregator = createSummaryAggregator(manifest, options);
  visitLatest(trials, aggregator.add);
  return aggregator.finish();
}
