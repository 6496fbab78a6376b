import { createHash } from "node:crypto";
import { canonicalJson } from "../../config/index.js";
import { orderTrials, trialOutcome, type Outcome, type RunData, type TrialRecord } from "../../log/index.js";
import type { MetricComparison } from "../gate-result-schema.js";

/** One case's trials on one metric. */
export interface CaseTally {
  passed: number;
  failed: number;
  /** Unscored: the target failed, or the score could not be computed. */
  errors: number;
  /** Why failing trials failed (critique or check reason), in trial order. */
  reasons: string[];
}

export interface MetricTable {
  id: string;
  kind: MetricComparison["kind"];
  byCase: Map<string, CaseTally>;
}

export interface RunCases {
  /** Case ids in manifest order (then any seen only in the log). */
  caseIds: string[];
  /** sha256 of each case's input and expected output, to refuse comparing different data. */
  contentHashes: Map<string, string>;
  tags: Map<string, string[]>;
  /** "overall", then checks, judges and tags in first-seen order. */
  metrics: Map<string, MetricTable>;
}

/** Splits a run into per-case tallies for every metric the gate can compare. */
export function tallyRun(run: RunData): RunCases {
  const { caseIds, trials } = orderTrials(run.manifest, run.trials);
  const metrics = new Map<string, MetricTable>();
  const contentHashes = new Map<string, string>();
  const tags = new Map<string, string[]>();
  const add = (id: string, kind: MetricTable["kind"], caseId: string, outcome: Outcome, reason: string): void => {
    let table = metrics.get(id);
    if (!table) metrics.set(id, (table = { id, kind, byCase: new Map() }));
    let tally = table.byCase.get(caseId);
    if (!tally) table.byCase.set(caseId, (tally = { passed: 0, failed: 0, errors: 0, reasons: [] }));
    if (outcome === "pass") tally.passed += 1;
    else if (outcome === "error") tally.errors += 1;
    else {
      tally.failed += 1;
      tally.reasons.push(reason);
    }
  };

  for (const id of ["overall", ...run.manifest.checks.map((c) => c.id), ...run.manifest.judges.map((j) => j.id)]) {
    const kind = id === "overall" ? "overall" : run.manifest.checks.some((c) => c.id === id) ? "check" : "judge";
    metrics.set(id, { id, kind, byCase: new Map() });
  }
  for (const trial of trials) {
    if (!contentHashes.has(trial.case_id)) contentHashes.set(trial.case_id, contentHash(trial));
    if (trial.tags && !tags.has(trial.case_id)) tags.set(trial.case_id, [...new Set(trial.tags)]);
    const outcome = trialOutcome(trial);
    const why = failureReasons(trial);
    add("overall", "overall", trial.case_id, outcome, why);
    for (const tag of new Set(trial.tags ?? [])) add(`tag:${tag}`, "tag", trial.case_id, outcome, why);
    if (trial.status === "error") {
      // The target never answered: every score of this trial is unscored.
      for (const table of metrics.values()) if (table.kind === "check" || table.kind === "judge") add(table.id, table.kind, trial.case_id, "error", "");
      continue;
    }
    for (const check of trial.checks) add(check.id, "check", trial.case_id, check.outcome, `${check.id}: ${check.reason}`);
    for (const verdict of trial.judges) add(verdict.id, "judge", trial.case_id, verdict.outcome, `${verdict.id}: ${verdict.critique}`);
  }
  return { caseIds, contentHashes, tags, metrics };
}

function contentHash(trial: TrialRecord): string {
  return createHash("sha256").update(canonicalJson({ input: trial.input ?? null, expected: trial.expected ?? null })).digest("hex");
}

function failureReasons(trial: TrialRecord): string {
  const failing = [
    ...trial.checks.filter((c) => c.outcome === "fail").map((c) => `${c.id}: ${c.reason}`),
    ...trial.judges.filter((j) => j.outcome === "fail").map((j) => `${j.id}: ${j.critique}`),
  ];
  return failing.join("; ");
}
