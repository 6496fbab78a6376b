/** A (case, trial) written more than once, and how many extra lines it has. */
export interface DuplicateTrial {
  caseId: string;
  trial: number;
  extra: number;
  /** The 1-based line that wins (the last one), when read from a file. */
  line?: number;
}

/**
 * The (case, trial) pairs of a results log, compact: a case with one trial
 * (the common 100k × 1 shape) costs one map entry holding a number; more
 * trials get a small set. Lines are remembered only for duplicated pairs,
 * to tell which line wins (the last one).
 */
export interface TrialKeySet {
  add(caseId: string, trial: number, line: number): void;
  has(caseId: string, trial: number): boolean;
  /** Distinct pairs. */
  readonly size: number;
  duplicates(): DuplicateTrial[];
  /** False for an earlier line of a duplicated pair. */
  isWinner(caseId: string, trial: number, line: number): boolean;
}

export function createTrialKeySet(): TrialKeySet {
  const byCase = new Map<string, number | Set<number>>();
  const repeated = new Map<string, DuplicateTrial & { lastLine: number }>();
  let size = 0;
  const has = (caseId: string, trial: number) => {
    const seen = byCase.get(caseId);
    return seen === undefined ? false : typeof seen === "number" ? seen === trial : seen.has(trial);
  };
  return {
    add(caseId, trial, line) {
      if (has(caseId, trial)) {
        const key = JSON.stringify([caseId, trial]);
        const entry = repeated.get(key) ?? { caseId, trial, extra: 0, lastLine: line };
        entry.extra += 1;
        entry.lastLine = line;
        repeated.set(key, entry);
        return;
      }
      size += 1;
      const seen = byCase.get(caseId);
      if (seen === undefined) byCase.set(caseId, trial);
      else if (typeof seen === "number") byCase.set(caseId, new Set([seen, trial]));
      else seen.add(trial);
    },
    has,
    get size() {
      return size;
    },
    duplicates: () => [...repeated.values()].map(({ caseId, trial, extra, lastLine }) => ({ caseId, trial, extra, line: lastLine })),
    isWinner(caseId, trial, line) {
      const entry = repeated.get(JSON.stringify([caseId, trial]));
      return entry === undefined || entry.lastLine === line;
    },
  };
}
