import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { orderTrials, readRun, type TrialRecord } from "../../log/index.js";
import type { CaseInput } from "../case-schema.js";
import { appendCases, planAppend, requireJsonl, type CaseCandidate, type SkippedCase } from "./append-cases.js";
import { derivedCaseId } from "./case-id.js";
import { checkWhereIds, matchesWhere, parseWhere } from "./where.js";

export interface AddCasesOptions {
  /** A run directory, or a run id under `reportsDir`. */
  from: string;
  reportsDir?: string;
  /** `--where` expressions, all of which a trial must match (see where.ts); none selects every trial. */
  where?: readonly string[];
  /** Tags added to every new case, besides the trial's own. */
  tags?: readonly string[];
  /** The JSONL dataset file to append to (created when missing). */
  to: string;
  /** Plan only: report what would be added, write nothing. */
  dryRun?: boolean;
}

export interface AddCasesResult {
  runId: string;
  runDir: string;
  file: string;
  /** Trials in the run (one per case and trial). */
  trials: number;
  /** Trials the filter selected. */
  matched: number;
  /** Cases already in the file before. */
  existing: number;
  added: CaseInput[];
  skipped: SkippedCase[];
  dryRun: boolean;
  /** The run's health warnings (still running, crashed, duplicate lines), one line each, to print first. */
  warnings: string[];
  sha256Before?: string;
  /** The file's sha256 after appending; undefined on a dry run or when nothing was added. */
  sha256After?: string;
}

/**
 * `evalgate dataset add`: turns chosen trials of a run (typically a scored run
 * of production traffic) into new cases of a dataset file, so what failed in
 * production is re-run in development. Each case keeps the trial's input and
 * tags, and its provenance in metadata; the output is left out (the case is
 * there to be answered again) and no expectation is made up.
 */
export async function addCasesFromRun(options: AddCasesOptions): Promise<AddCasesResult> {
  requireJsonl(options.to);
  const runDir = await runDirectory(options.from, options.reportsDir ?? "reports");
  const run = await readRun(runDir);
  const runId = run.manifest.run_id;
  const filter = parseWhere(options.where ?? []);
  const { trials } = orderTrials(run.manifest, run.trials);
  checkWhereIds(filter, vocabulary(run.manifest, trials), runId);
  const matched = trials.filter((trial) => matchesWhere(trial, filter));
  const candidates = matched.map((trial) => candidateOf(trial, options.tags ?? []));
  const file = resolve(options.to);
  const plan = await planAppend(file, candidates);
  const dryRun = options.dryRun === true;
  const sha256After = !dryRun && plan.add.length > 0 ? await appendCases(file, plan.add) : undefined;
  return {
    runId,
    runDir,
    file,
    trials: trials.length,
    matched: matched.length,
    existing: plan.existing,
    added: plan.add,
    skipped: plan.skipped,
    dryRun,
    warnings: run.health.warnings,
    ...(plan.sha256Before ? { sha256Before: plan.sha256Before } : {}),
    ...(sha256After ? { sha256After } : {}),
  };
}

/** A trial as a new case: its input and tags, its provenance; never its output. */
export function candidateOf(trial: TrialRecord, extraTags: readonly string[]): CaseCandidate {
  const source = trial.trace?.source;
  const id = source ? derivedCaseId("trace", source.trace_id) : derivedCaseId("run", `${trial.case_id}#${trial.trial}@${trial.run_id}`);
  const tags = [...new Set([...(trial.tags ?? []), ...extraTags])];
  const metadata: Record<string, unknown> = {
    ...(source ? { source_trace: source.trace_id, source_origin: source.origin } : {}),
    source_run: trial.run_id,
    source_case: trial.case_id,
    source_trial: trial.trial,
  };
  const where = source ? `trace ${source.trace_id} (run ${trial.run_id}, case ${trial.case_id} #${trial.trial})` : `run ${trial.run_id}, case ${trial.case_id} #${trial.trial}`;
  return {
    case: {
      id,
      input: trial.input as CaseInput["input"],
      // A curated case's expectation travels with it; a production record has none, and none is made up.
      ...(trial.expected === undefined ? {} : { expected: trial.expected }),
      ...(tags.length > 0 ? { tags } : {}),
      metadata,
    },
    source: where,
  };
}

function vocabulary(manifest: { checks: { id: string }[]; judges: { id: string }[] }, trials: readonly TrialRecord[]) {
  const unique = (ids: Iterable<string>) => [...new Set(ids)];
  return {
    checks: unique([...manifest.checks.map((c) => c.id), ...trials.flatMap((t) => t.checks.map((c) => c.id))]),
    judges: unique([...manifest.judges.map((j) => j.id), ...trials.flatMap((t) => t.judges.map((j) => j.id))]),
    guards: unique(trials.flatMap((t) => (t.guardrails ?? []).map((g) => g.id))),
  };
}

/** A path holding run.json is the run; anything else is a run id under the reports directory. */
async function runDirectory(from: string, reportsDir: string): Promise<string> {
  const asPath = resolve(from);
  try {
    if ((await stat(join(asPath, "run.json"))).isFile()) return asPath;
  } catch {
    // Not a run directory: try it as a run id.
  }
  return join(resolve(reportsDir), from);
}
