import type { CheckResult, JudgeVerdict, RunManifest } from "../../log/index.js";
import type { CheckScore, FailingCase, JudgeScore, ScoreSummary } from "../summary-schema.js";
import { compareKeys, FirstSeen, type OrderKey } from "./order-key.js";
import { OutcomeTally } from "./outcome-counts.js";
import { UsageTally } from "./usage.js";

interface JudgeState {
  outcomes: OutcomeTally;
  failing: Array<{ key: OrderKey; row: FailingCase }>;
  usage: UsageTally;
}

type JudgeIdentity = Pick<JudgeVerdict, "failure_mode" | "version" | "model">;

/**
 * One entry per check, then per judge, in manifest order; ids that appear only
 * in the results log (a config changed mid-run) follow in first-seen order.
 */
export class ScoreTally {
  private readonly checks = new Map<string, OutcomeTally>();
  private readonly judges = new Map<string, JudgeState>();
  private readonly checkTypes = new FirstSeen<string>();
  private readonly judgeIdentities = new FirstSeen<JudgeIdentity>();

  constructor(private readonly manifest: Pick<RunManifest, "checks" | "judges">) {
    for (const check of manifest.checks) this.checks.set(check.id, new OutcomeTally());
    for (const judge of manifest.judges) this.judges.set(judge.id, newJudge());
  }

  addCheck(key: OrderKey, check: CheckResult): void {
    let tally = this.checks.get(check.id);
    if (!tally) this.checks.set(check.id, (tally = new OutcomeTally()));
    this.checkTypes.offer(check.id, key, check.type);
    tally.add(key[0], check.outcome);
  }

  addJudge(key: OrderKey, caseId: string, verdict: JudgeVerdict): void {
    let state = this.judges.get(verdict.id);
    if (!state) this.judges.set(verdict.id, (state = newJudge()));
    this.judgeIdentities.offer(verdict.id, key, { failure_mode: verdict.failure_mode, version: verdict.version, model: verdict.model });
    state.outcomes.add(key[0], verdict.outcome);
    if (verdict.outcome === "fail") state.failing.push({ key, row: { case_id: caseId, trial: key[1], critique: verdict.critique } });
    state.usage.add(key, verdict);
  }

  finish(confidence: number): ScoreSummary[] {
    const declaredChecks = new Map(this.manifest.checks.map((c) => [c.id, c]));
    const declaredJudges = new Map(this.manifest.judges.map((j) => [j.id, j]));
    const checks = [...this.checks].map(([id, tally]): CheckScore => ({
      kind: "check",
      id,
      type: declaredChecks.get(id)?.type ?? this.checkTypes.get(id) ?? "unknown",
      ...tally.counts(confidence),
    }));
    const judges = [...this.judges].map(([id, state]): JudgeScore => {
      const declared = declaredJudges.get(id) ?? this.judgeIdentities.get(id);
      return {
        kind: "judge",
        id,
        failure_mode: declared?.failure_mode ?? id,
        version: declared?.version ?? "unknown",
        model: declared?.model ?? "unknown",
        ...state.outcomes.counts(confidence),
        failing: state.failing.sort((a, b) => compareKeys(a.key, b.key)).map((f) => f.row),
        usage: state.usage.finish(),
      };
    });
    return [...inFirstSeenOrder(checks, declaredChecks, this.checkTypes), ...inFirstSeenOrder(judges, declaredJudges, this.judgeIdentities)];
  }
}

function newJudge(): JudgeState {
  return { outcomes: new OutcomeTally(), failing: [], usage: new UsageTally() };
}

/** Declared ids keep manifest order; the others follow in the order the batch reading would meet them. */
function inFirstSeenOrder<S extends { id: string }>(scores: S[], declared: ReadonlyMap<string, unknown>, seen: FirstSeen<unknown>): S[] {
  const byId = new Map(scores.map((s) => [s.id, s]));
  const undeclared = seen.entries().flatMap(([id]) => (declared.has(id) ? [] : [byId.get(id)!]));
  return [...scores.filter((s) => declared.has(s.id)), ...undeclared];
}
