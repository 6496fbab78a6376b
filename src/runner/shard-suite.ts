import { EvalgateError } from "../errors.js";
import type { RunManifest } from "../log/index.js";
import type { Suite } from "./load-suite.js";
import { formatShard, selectShard, type ShardSpec } from "./shard.js";

export type ManifestShard = NonNullable<RunManifest["shard"]>;

/**
 * Narrows a suite to one shard's cases. A resumed run keeps the shard it was
 * started with; asking for another one would mix two experiments in one log.
 */
export function shardSuite(suite: Suite, requested: ShardSpec | undefined, previous: RunManifest | undefined): { suite: Suite; shard?: ManifestShard } {
  if (previous && requested && (previous.shard?.index !== requested.index || previous.shard?.count !== requested.count)) {
    const was = previous.shard ? `as shard ${formatShard(previous.shard)}` : "unsharded";
    throw new EvalgateError("CONFIG_INVALID", `Cannot resume run ${previous.run_id} as shard ${formatShard(requested)}: it was started ${was}. Resume it without --shard.`);
  }
  const shard = previous ? previous.shard : requested;
  if (!shard) return { suite };
  const { cases, positions } = selectShard(suite.cases, shard);
  return { suite: { ...suite, cases }, shard: { index: shard.index, count: shard.count, cases_total: suite.cases.length, positions } };
}
