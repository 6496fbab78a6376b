import { basename } from "node:path";
import { EvalgateError } from "../../errors.js";
import { orderTrials, type RunData, type RunManifest, type TrialRecord } from "../../log/index.js";

/** A shard run, read and checked on its own. */
export interface ShardRun {
  dir: string;
  manifest: RunManifest & { shard: NonNullable<RunManifest["shard"]> };
  /** One record per (case, trial), the later line winning, in the shard's case order. */
  trials: TrialRecord[];
}

const refuse = (message: string) => new EvalgateError("RUNS_NOT_COMPARABLE", `Cannot merge: ${message}`);
const name = (run: { dir: string; manifest: RunManifest }) => `run ${run.manifest.run_id} (${run.dir})`;

/** A shard run that says it is finished, with its trials deduplicated (the later line of a (case, trial) wins). */
export function checkShard(run: RunData): ShardRun {
  const { manifest } = run;
  const who = name({ dir: run.paths.dir, manifest });
  if (!manifest.shard) throw refuse(`${who} is not a shard (its run.json has no "shard"); merge combines runs made with evalgate run --shard i/n.`);
  if (manifest.status !== "completed") {
    const state = manifest.status === "running" ? `is still running, or crashed ("status": "running")` : `is ${manifest.status}, not completed ("status": "${manifest.status}")`;
    throw refuse(`${who} ${state}: let it finish or resume it with evalgate run --resume ${manifest.run_id}, then merge.`);
  }
  if (manifest.shard.positions.length !== manifest.case_ids.length) {
    throw refuse(`${who}: run.json lists ${manifest.case_ids.length} case_ids but ${manifest.shard.positions.length} shard.positions; was it edited by hand?`);
  }
  return { dir: run.paths.dir, manifest: manifest as ShardRun["manifest"], trials: orderTrials(manifest, run.trials).trials };
}

/** Every (case, trial) of the shard recorded, and nothing from outside it. Checked after the experiments match, which explains more. */
export function checkComplete(run: ShardRun): void {
  const { manifest, trials } = run;
  const known = new Set(manifest.case_ids);
  const stray = trials.find((t) => !known.has(t.case_id) || t.trial >= manifest.repeats);
  if (stray) throw refuse(`${name(run)}: results.jsonl holds case "${stray.case_id}" trial ${stray.trial}, which its run.json (case_ids, repeats) does not; was it edited by hand?`);
  const expected = manifest.case_ids.length * manifest.repeats;
  if (trials.length !== expected) throw refuse(`${name(run)} is incomplete: ${trials.length} of ${expected} trials in results.jsonl; resume it with evalgate run --resume ${manifest.run_id}, then merge.`);
}

/**
 * What must be equal for shards to be one experiment, with how each is shown
 * when it is not. Paths are left out (the same suite may sit in different
 * checkouts); config_hash and file hashes are already path-free.
 */
const SAME: readonly { field: string; show: (m: ShardRun["manifest"]) => string }[] = [
  { field: "suite", show: (m) => m.suite },
  { field: "config_hash", show: (m) => m.config_hash },
  { field: "evalgate_version", show: (m) => m.evalgate_version },
  { field: "repeats", show: (m) => String(m.repeats) },
  { field: "datasets", show: (m) => m.datasets.map((d) => `${basename(d.file)}@${d.sha256.slice(0, 12)}`).join(", ") || "none" },
  { field: "files", show: (m) => (m.files ?? []).map((f) => `${f.file}@${f.sha256.slice(0, 12)}`).join(", ") || "none" },
  { field: "judges", show: (m) => m.judges.map((j) => `${j.id}@${j.version} on ${j.model}`).join(", ") || "none" },
  { field: "checks", show: (m) => m.checks.map((c) => `${c.id} (${c.type})`).join(", ") || "none" },
  { field: "target.type", show: (m) => m.target.type },
  { field: "shard.count", show: (m) => String(m.shard.count) },
  { field: "shard.cases_total", show: (m) => String(m.shard.cases_total) },
];

export function checkSameExperiment(runs: readonly ShardRun[]): void {
  const [first, ...rest] = runs;
  if (!first) return;
  for (const run of rest) {
    for (const { field, show } of SAME) {
      const [a, b] = [show(first.manifest), show(run.manifest)];
      if (a !== b) {
        throw refuse(
          `${name(run)} differs from ${name(first)} in ${field}: ${b} vs ${a}. Shards of one run must come from the same suite, data, files and evalgate; re-run the odd shard from the same commit.`,
        );
      }
    }
  }
}

/**
 * The unsharded case order, rebuilt from each shard's positions: refuses a
 * shard given twice, a missing shard, and a case (or position) in two shards.
 */
export function mergedCaseOrder(runs: readonly ShardRun[]): string[] {
  const count = runs[0]?.manifest.shard.count ?? 0;
  const byIndex = new Map<number, ShardRun>();
  for (const run of runs) {
    const twin = byIndex.get(run.manifest.shard.index);
    if (twin) throw refuse(`${name(twin)} and ${name(run)} are both shard ${run.manifest.shard.index}/${count}; pass each shard once.`);
    byIndex.set(run.manifest.shard.index, run);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw refuse(`shard ${missing.map((i) => `${i}/${count}`).join(", ")} ${missing.length === 1 ? "is" : "are"} missing; pass one completed run for each of the ${count} shards.`);
  }
  const slots: (string | undefined)[] = new Array(runs[0]!.manifest.shard.cases_total);
  const owner = new Map<string, ShardRun>();
  for (const run of runs) {
    run.manifest.case_ids.forEach((caseId, i) => {
      const other = owner.get(caseId);
      if (other) throw refuse(`case "${caseId}" is in both ${name(other)} and ${name(run)}; shards must not overlap.`);
      owner.set(caseId, run);
      const position = run.manifest.shard.positions[i]!;
      if (position >= slots.length || slots[position] !== undefined) {
        throw refuse(`${name(run)}: case "${caseId}" claims position ${position} of ${slots.length}, ${position >= slots.length ? "outside the suite" : `already held by case "${slots[position]}"`}; shards must not overlap.`);
      }
      slots[position] = caseId;
    });
  }
  const empty = slots.findIndex((slot) => slot === undefined);
  if (empty !== -1) throw refuse(`no shard holds the case at position ${empty} of ${slots.length}; the shards do not cover the suite.`);
  return slots as string[];
}
