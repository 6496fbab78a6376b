import { createHash } from "node:crypto";
import { EvalgateError } from "../errors.js";
import type { ProductionRecord } from "./record.js";

export interface TimeWindow {
  /** Inclusive, RFC 3339. */
  since?: string;
  /** Exclusive, RFC 3339. */
  until?: string;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since` / `--until`: an ISO 8601 time, or a duration back from `now`
 * ("90m", "2h", "7d") so a scheduled job can say "the last two hours".
 */
export function parseTimeOption(value: string, option: string, now: Date = new Date()): string {
  const relative = /^(\d+)\s*([mhd])$/.exec(value.trim());
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new EvalgateError("CONFIG_INVALID", `${option} "${value}" is neither an ISO time (2026-12-01T00:00:00Z) nor a duration back from now (90m, 2h, 7d).`);
  }
  return new Date(time).toISOString();
}

/** Records inside the window. A record without a timestamp is kept only when no window is set. */
export function withinWindow(records: readonly ProductionRecord[], window: TimeWindow): ProductionRecord[] {
  if (!window.since && !window.until) return [...records];
  const since = window.since ? Date.parse(window.since) : -Infinity;
  const until = window.until ? Date.parse(window.until) : Infinity;
  return records.filter((record) => {
    const at = record.timestamp === undefined ? Number.NaN : Date.parse(record.timestamp);
    return at >= since && at < until;
  });
}

/**
 * A seeded sample of n records without replacement. Each record is ranked
 * by a hash of the seed and its id, and the n lowest are kept, in their
 * original order: the same records and seed give the same sample in any
 * order, and a record sampled once stays sampled when more records arrive
 * unless n newer ones outrank it.
 */
export function sampleRecords(records: readonly ProductionRecord[], n: number, seed: number): ProductionRecord[] {
  if (n >= records.length) return [...records];
  const rank = new Map(records.map((record) => [record, createHash("sha256").update(`${seed}\0${record.traceId}`).digest("hex")]));
  const byRank = [...records].sort((a, b) => compare(rank.get(a)!, rank.get(b)!));
  const chosen = new Set(byRank.slice(0, n));
  return records.filter((record) => chosen.has(record));
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
