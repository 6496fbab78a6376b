import { GateConfigSchema, type GateConfig, type GateConfigInput } from "../config/index.js";
import { EvalgateError } from "../errors.js";
import type { RunData } from "../log/index.js";
import { GATE_RESULT_SCHEMA_VERSION, type GateResult, type RuleResult, type Verdict } from "./gate-result-schema.js";
import { tallyRun, type RunCases } from "./internal/case-metrics.js";
import { compareMetric, type CompareOptions } from "./internal/compare-metric.js";
import { evaluateRules, expandRules } from "./internal/rules.js";

/** A run to compare, with the reference it was loaded from (shown in outputs). */
export interface GateRun {
  ref: string;
  run: RunData;
}

const VERDICT_ORDER: readonly Verdict[] = ["fail", "inconclusive", "warn", "pass"];
const LISTED_CHANGED_CASES = 5;

/**
 * The deploy gate's decision: compares a candidate run with a baseline on
 * the cases both ran, paired by case, and checks the gate's rules. Pure: the
 * same runs and config give the same result (the bootstrap is seeded).
 *
 * Throws RUNS_NOT_COMPARABLE when a shared case's input or expected output
 * differs between the runs: they measured different things.
 */
export function compareRuns(baseline: GateRun, candidate: GateRun, gate: GateConfigInput | GateConfig = {}): GateResult {
  const config = GateConfigSchema.parse(gate);
  const base = tallyRun(baseline.run);
  const cand = tallyRun(candidate.run);
  const candidateIds = new Set(cand.caseIds);
  const baselineIds = new Set(base.caseIds);
  const shared = base.caseIds.filter((id) => candidateIds.has(id));
  refuseChangedContent(shared, base, cand, baseline, candidate);

  const options: CompareOptions = {
    confidence: 1 - config.alpha,
    method: config.interval === "bootstrap" ? "paired-bootstrap" : "paired-t",
    seed: config.seed,
    resamples: config.resamples,
  };
  const metricIds = [...new Set([...cand.metrics.keys(), ...base.metrics.keys()])];
  const compared = metricIds.map((id) => compareMetric(base.metrics.get(id), cand.metrics.get(id), shared, options));
  const rules = evaluateRules(expandRules(config), { compared, candidate: cand, options, correction: config.correction });

  const baselineOnly = base.caseIds.filter((id) => !candidateIds.has(id));
  const candidateOnly = cand.caseIds.filter((id) => !baselineIds.has(id));
  const missing = missingCasesRule(baselineOnly, candidateOnly, config.missing_cases);
  if (missing) rules.push(missing);

  return {
    schema_version: GATE_RESULT_SCHEMA_VERSION,
    verdict: VERDICT_ORDER.find((v) => rules.some((r) => r.verdict === v)) ?? "pass",
    baseline: identity(baseline),
    candidate: identity(candidate),
    confidence: options.confidence,
    interval: config.interval,
    correction: config.correction,
    cases: { shared: shared.length, baseline_only: baselineOnly, candidate_only: candidateOnly },
    rules_tested: rules.length,
    rules,
    metrics: compared.map((c) => c.comparison),
  };
}

function refuseChangedContent(shared: readonly string[], base: RunCases, cand: RunCases, baseline: GateRun, candidate: GateRun): void {
  const changed = shared.filter((id) => {
    const a = base.contentHashes.get(id);
    const b = cand.contentHashes.get(id);
    return a !== undefined && b !== undefined && a !== b;
  });
  if (changed.length === 0) return;
  const listed = changed.slice(0, LISTED_CHANGED_CASES).join(", ") + (changed.length > LISTED_CHANGED_CASES ? `, … (${changed.length} in all)` : "");
  throw new EvalgateError(
    "RUNS_NOT_COMPARABLE",
    `Runs ${baseline.run.manifest.run_id} and ${candidate.run.manifest.run_id} gave different input or expected output to ${changed.length === 1 ? "case" : "cases"} ${listed}. ` +
      "A gate compares the same cases before and after a change; give changed cases new ids, or run the baseline again on the current dataset.",
  );
}

function missingCasesRule(baselineOnly: readonly string[], candidateOnly: readonly string[], mode: GateConfig["missing_cases"]): RuleResult | undefined {
  if (mode === "ignore" || baselineOnly.length + candidateOnly.length === 0) return undefined;
  const list = (ids: readonly string[]) => ids.slice(0, LISTED_CHANGED_CASES).join(", ") + (ids.length > LISTED_CHANGED_CASES ? ", …" : "");
  const parts = [
    baselineOnly.length > 0 ? `${baselineOnly.length} ran only in the baseline (${list(baselineOnly)})` : "",
    candidateOnly.length > 0 ? `${candidateOnly.length} only in the candidate (${list(candidateOnly)})` : "",
  ].filter((p) => p !== "");
  return {
    rule: "missing_cases",
    verdict: mode,
    reason: `Cases not compared: ${parts.join("; ")}. gate.missing_cases is "${mode}".`,
  };
}

function identity({ ref, run }: GateRun): GateResult["baseline"] {
  return { ref, run_id: run.manifest.run_id, suite: run.manifest.suite, status: run.manifest.status, started_at: run.manifest.started_at };
}
