import { createHash } from "node:crypto";
import { EvalgateError } from "../errors.js";

/** One slice of a suite's cases: shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Which shard a case id falls in (1-based). */
export function shardOf(caseId: string, count: number): number {
  // sha256 of the UTF-8 id, first 48 bits as an integer (exact in a double), mod count: the same on every
  // machine and Node version, independent of dataset order, and uniform enough that shards balance.
  const digest = createHash("sha256").update(caseId, "utf8").digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/**
 * The cases of one shard, in their suite order, with each one's position in
 * the whole suite (a merge restores the unsharded order from them). A case's
 * repeats stay together, as the id alone decides.
 */
export function selectShard<T extends { id: string }>(cases: readonly T[], shard: ShardSpec): { cases: T[]; positions: number[] } {
  assertShard(shard);
  const selected: T[] = [];
  const positions: number[] = [];
  cases.forEach((testCase, position) => {
    if (shardOf(testCase.id, shard.count) !== shard.index) return;
    selected.push(testCase);
    positions.push(position);
  });
  return { cases: selected, positions };
}

const USAGE = "Expected --shard i/n with whole numbers 1 ≤ i ≤ n, e.g. 2/4 for the second of four shards";

/** Parses `i/n` as typed on the command line. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new EvalgateError("CONFIG_INVALID", `${USAGE}; received "${text}".`);
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  assertShard(shard, text);
  return shard;
}

export function assertShard(shard: ShardSpec, typed = `${shard.index}/${shard.count}`): void {
  const { index, count } = shard;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new EvalgateError("CONFIG_INVALID", `${USAGE}; received "${typed}".`);
  }
}

export function formatShard(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}
