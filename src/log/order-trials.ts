import type { RunManifest, TrialRecord } from "./schema.js";
import type { DuplicateTrial } from "./trial-keys.js";

export interface OrderedTrials {
  /** Manifest case order, then any case seen only in the results log. */
  caseIds: string[];
  /** One record per (case, trial), in case order then trial order. */
  trials: TrialRecord[];
}

/**
 * Puts trials in a stable reading order and keeps one record per (case, trial):
 * if a trial was written twice (a resumed run re-ran it), the later line wins,
 * as it is the one that reflects the finished run.
 */
export function orderTrials(manifest: Pick<RunManifest, "case_ids">, trials: readonly TrialRecord[]): OrderedTrials {
  const caseIds = [...manifest.case_ids];
  const known = new Set(caseIds);
  const byKey = new Map<string, TrialRecord>();
  for (const trial of trials) {
    if (!known.has(trial.case_id)) {
      known.add(trial.case_id);
      caseIds.push(trial.case_id);
    }
    byKey.set(JSON.stringify([trial.case_id, trial.trial]), trial);
  }
  const position = new Map(caseIds.map((id, index) => [id, index]));
  const ordered = [...byKey.values()].sort(
    (a, b) => position.get(a.case_id)! - position.get(b.case_id)! || a.trial - b.trial,
  );
  return { caseIds, trials: ordered };
}

/** (case, trial) pairs written more than once, with how many extra lines each has. */
export function duplicateTrials(trials: readonly Pick<TrialRecord, "case_id" | "trial">[]): DuplicateTrial[] {
  const counts = new Map<string, { caseId: string; trial: number; extra: number }>();
  for (const t of trials) {
    const key = JSON.stringify([t.case_id, t.trial]);
    const seen = counts.get(key);
    if (seen) seen.extra++;
    else counts.set(key, { caseId: t.case_id, trial: t.trial, extra: 0 });
  }
  return [...counts.values()].filter((d) => d.extra > 0);
}

/**
 * Visits every record in order, saying whether it is the latest line of its
 * (case, trial): only those count; an earlier line still marks where its case
 * was first seen (cases missing from the manifest are listed in that order).
 */
export function visitLatest<T extends Pick<TrialRecord, "case_id" | "trial">>(trials: readonly T[], visit: (trial: T, latest: boolean) => void): void {
  const last = new Map<string, number>();
  trials.forEach((t, index) => last.set(JSON.stringify([t.case_id, t.trial]), index));
  trials.forEach((t, index) => visit(t, last.get(JSON.stringify([t.case_id, t.trial])) === index));
}
