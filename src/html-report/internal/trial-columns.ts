import { trialOutcome, type OrderedTrials, type Outcome, type TrialRecord } from "../../log/index.js";
import type { RunMetric } from "../../report/index.js";
import type { ReportCases, ReportTrials } from "../report-data.js";
import type { TextTable } from "./text-table.js";

/** Trace fields with a place of their own in the page; the rest is shown as "other trace fields". */
const SHOWN_TRACE_FIELDS = new Set(["context", "tool_calls", "usage", "cost_usd", "model", "served_model_name"]);

export const OUTCOME_CHAR: Record<Outcome, string> = { pass: "p", fail: "f", error: "e" };

/** Cases and trials column by column, texts through the table. */
export function encodeTrials(ordered: OrderedTrials, metrics: readonly RunMetric[], table: TextTable): { cases: Omit<ReportCases, "outcomes">; tags: string[]; trials: ReportTrials } {
  const tagIndex = new Map<string, number>();
  const caseIndex = new Map(ordered.caseIds.map((id, i) => [id, i]));
  const firstTrial = new Map<string, TrialRecord>();
  for (const trial of ordered.trials) if (!firstTrial.has(trial.case_id)) firstTrial.set(trial.case_id, trial);

  const cases: Omit<ReportCases, "outcomes"> = { id: [...ordered.caseIds], tags: [], input: [], expected: [] };
  for (const id of ordered.caseIds) {
    const first = firstTrial.get(id);
    cases.tags.push(
      (first?.tags ?? []).map((tag) => {
        let index = tagIndex.get(tag);
        if (index === undefined) tagIndex.set(tag, (index = tagIndex.size));
        return index;
      }),
    );
    cases.input.push(first ? table.json(first.input) : -1);
    cases.expected.push(table.json(first?.expected));
  }

  const columns = metrics.map(() => ({ outcome: [] as string[], reason: [] as number[] }));
  const trials: Omit<ReportTrials, "outcome" | "status" | "scores"> & { outcome: string[]; status: string[] } = {
    case: [],
    trial: [],
    outcome: [],
    status: [],
    latency_ms: [],
    output: [],
    error: [],
    model: [],
    input_tokens: [],
    output_tokens: [],
    cost_usd: [],
    context: [],
    tool_calls: [],
    trace_extra: [],
    guardrails: [],
  };
  const metricIndex = new Map(metrics.map((m, i) => [`${m.kind}:${m.id}`, i]));
  for (const trial of ordered.trials) {
    const trace = trial.trace ?? {};
    trials.case.push(caseIndex.get(trial.case_id)!);
    trials.trial.push(trial.trial);
    trials.outcome.push(OUTCOME_CHAR[trialOutcome(trial)]);
    trials.status.push(trial.status === "ok" ? "o" : "e");
    trials.latency_ms.push(Math.round(trial.latency_ms));
    trials.output.push(table.json(trial.output));
    trials.error.push(trial.error ? table.text(`${trial.error.code}: ${trial.error.message}`) : -1);
    trials.model.push(table.text(trace.served_model_name ?? trace.model));
    trials.input_tokens.push(trace.usage?.input_tokens ?? -1);
    trials.output_tokens.push(trace.usage?.output_tokens ?? -1);
    trials.cost_usd.push(trace.cost_usd ?? -1);
    // Each retrieved document once: a corpus is far smaller than cases × k, and repeats retrieve the same documents.
    trials.context.push(trace.context ? table.json(trace.context.map(contextEntry(table))) : -1);
    trials.tool_calls.push(table.json(trace.tool_calls));
    const extra = Object.fromEntries(Object.entries(trace).filter(([key]) => !SHOWN_TRACE_FIELDS.has(key)));
    trials.trace_extra.push(Object.keys(extra).length > 0 ? table.json(extra) : -1);
    trials.guardrails.push(trial.guardrails && trial.guardrails.length > 0 ? table.json(trial.guardrails) : -1);

    const found = new Set<number>();
    for (const result of [...trial.checks.map((c) => ({ key: `check:${c.id}`, outcome: c.outcome, reason: c.reason })), ...trial.judges.map((j) => ({ key: `judge:${j.id}`, outcome: j.outcome, reason: j.critique }))]) {
      const index = metricIndex.get(result.key)!;
      if (found.has(index)) continue;
      found.add(index);
      columns[index]!.outcome.push(OUTCOME_CHAR[result.outcome]);
      columns[index]!.reason.push(table.text(result.reason));
    }
    columns.forEach((column, index) => {
      if (found.has(index)) return;
      column.outcome.push(".");
      column.reason.push(-1);
    });
  }
  return {
    cases,
    tags: [...tagIndex.keys()],
    trials: {
      ...trials,
      outcome: trials.outcome.join(""),
      status: trials.status.join(""),
      scores: columns.map((c) => ({ outcome: c.outcome.join(""), reason: c.reason })),
    },
  };
}

/** A retrieved document as [ref, score], or ref alone: the score is per query, the document is shared. */
function contextEntry(table: TextTable) {
  return ({ score, ...doc }: { score?: number | undefined; id: string }): number | [number, number] => (score === undefined ? table.json(doc) : [table.json(doc), score]);
}
