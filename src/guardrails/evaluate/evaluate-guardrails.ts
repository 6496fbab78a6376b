import pLimit from "p-limit";
import { loadRecords, type LocatedRecord } from "../../datasets/index.js";
import { describeZodIssues } from "../../config/index.js";
import { DatasetError, type DatasetIssue } from "../../errors.js";
import type { Guardrails } from "../types.js";
import { checkRowsAgainstGuardrails } from "./check-rows.js";
import { runGuard } from "../internal/run-guard.js";
import { scoreGuard, type RowDecision } from "./metrics.js";
import type { GuardEvalReport } from "./report-schema.js";
import { GuardEvalRowSchema, type GuardEvalRow, type GuardEvalRowInput } from "./row-schema.js";

export const DEFAULT_EVAL_CONCURRENCY = 4;

export interface EvaluateGuardrailsOptions {
  guardrails: Guardrails;
  /** A JSONL or CSV file of labelled rows, or the rows themselves. */
  dataset: string | readonly GuardEvalRowInput[];
  /**
   * Rows checked at once; a row's guards run one after another. Default 4:
   * model-based guards wait on the network, static ones finish at once. The
   * latency of an async guard includes waiting for the event loop, so measure
   * static guards' speed at 1 if it matters to the digit.
   */
  concurrency?: number;
  /** Called after each row. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Labelled guard rows from a JSONL or CSV file; a CSV's expect_triggered is "|"-separated, expect_spans and context JSON. */
export function loadGuardEvalRows(file: string): Promise<LocatedRecord<GuardEvalRow>[]> {
  return loadRecords(file, GuardEvalRowSchema, { listColumns: ["expect_triggered", "tags"], jsonColumns: ["expect_spans", "context"], noun: "rows" });
}

/** Rows given in code are located as "(rows)" and their 1-based position. */
function parseGivenRows(rows: readonly GuardEvalRowInput[]): LocatedRecord<GuardEvalRow>[] {
  const file = "(rows)";
  const issues: DatasetIssue[] = [];
  const parsed: LocatedRecord<GuardEvalRow>[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 1;
    const result = GuardEvalRowSchema.safeParse(row);
    if (!result.success) {
      issues.push(...describeZodIssues(result.error.issues, GuardEvalRowSchema, row).map(({ path, message }) => ({ file, line, field: path, message })));
      return;
    }
    const first = seen.get(result.data.id);
    if (first !== undefined) issues.push({ file, line, field: "id", message: `Duplicate id "${result.data.id}": already used at row ${first}` });
    seen.set(result.data.id, line);
    parsed.push({ file, line, value: result.data });
  });
  if (issues.length > 0) throw new DatasetError(issues);
  return parsed;
}

/**
 * Runs every guard of the row's stage on every labelled row, each guard on
 * its own (see runGuard), and scores each guard: counts, precision, recall,
 * F1, false-positive rate on clean rows, latency and, for PII guards,
 * entity-level figures. `evalgate guard eval` prints what this returns.
 */
export async function evaluateGuardrails(options: EvaluateGuardrailsOptions): Promise<GuardEvalReport> {
  const { guardrails } = options;
  const located = typeof options.dataset === "string" ? await loadGuardEvalRows(options.dataset) : parseGivenRows(options.dataset);
  const issues = checkRowsAgainstGuardrails(located, guardrails);
  if (issues.length > 0) throw new DatasetError(issues);

  const rows = located.map((record) => record.value);
  const concurrency = options.concurrency ?? DEFAULT_EVAL_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, received ${concurrency}`);
  const limit = pLimit(concurrency);
  const outcomes = new Map<string, RowDecision[]>();
  for (const guard of [...guardrails.input, ...guardrails.output]) outcomes.set(guard.id, []);
  let done = 0;
  await Promise.all(
    rows.map((row) =>
      limit(async () => {
        for (const guard of row.stage === "input" ? guardrails.input : guardrails.output) {
          // Each guard on its own, not through a stage: one guard blocking or redacting must not hide what the next would decide.
          const decision = await runGuard(
            guard,
            {
              text: row.text,
              stage: row.stage,
              ...(row.input === undefined ? {} : { input: row.input }),
              ...(row.context === undefined ? {} : { context: row.context }),
            },
            options.signal,
          );
          outcomes.get(guard.id)!.push({ row, decision });
        }
        options.onProgress?.(++done, rows.length);
      }),
    ),
  );
  // Rows finish out of order under concurrency; lists in reports follow the file.
  const order = new Map(rows.map((row, index) => [row.id, index]));
  const byFileOrder = (a: RowDecision, b: RowDecision) => order.get(a.row.id)! - order.get(b.row.id)!;
  const score = (stage: "input" | "output") => (guard: Guardrails["input"][number]) =>
    scoreGuard({ id: guard.id, type: guard.type, stage, action: guard.action }, outcomes.get(guard.id)!.sort(byFileOrder));
  return { guardrails: guardrails.name, rows: rows.length, guards: [...guardrails.input.map(score("input")), ...guardrails.output.map(score("output"))] };
}
