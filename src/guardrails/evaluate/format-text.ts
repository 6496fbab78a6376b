import { idList, milliseconds, percent, table } from "./internal/format.js";
import type { GuardEvalReport, GuardMetrics } from "./report-schema.js";

function fraction(numerator: number, denominator: number): string {
  return denominator === 0 ? "" : `${numerator}/${denominator}`;
}

function guardBlock(guard: GuardMetrics): string[] {
  const lines = [`${guard.id}  (${guard.type}, ${guard.stage}, ${guard.action}) on ${guard.rows} ${guard.rows === 1 ? "row" : "rows"}`];
  lines.push(
    ...table([
      ["TP", "FP", "FN", "TN", "precision", "recall", "F1", "FPR clean", "p50", "p95"],
      [
        String(guard.tp),
        String(guard.fp),
        String(guard.fn),
        String(guard.tn),
        percent(guard.precision),
        percent(guard.recall),
        percent(guard.f1),
        percent(guard.fpr),
        milliseconds(guard.p50_ms),
        milliseconds(guard.p95_ms),
      ],
      ["", "", "", "", fraction(guard.tp, guard.tp + guard.fp), fraction(guard.tp, guard.tp + guard.fn), "", fraction(guard.clean_triggered, guard.clean_rows), "", ""],
    ], { leftColumns: 0 }),
  );
  if (guard.false_positives.length > 0) lines.push(`  false positives (${guard.false_positives.length}): ${idList(guard.false_positives)}`);
  if (guard.misses.length > 0) lines.push(`  misses (${guard.misses.length}): ${idList(guard.misses)}`);
  if (guard.errors.length > 0) {
    lines.push(`  errors (${guard.errors.length}), counted as its on_error decided:`);
    for (const error of guard.errors.slice(0, 5)) lines.push(`    ${error.id}: ${error.error}`);
    if (guard.errors.length > 5) lines.push(`    … ${guard.errors.length - 5} more; see --json`);
  }
  if (guard.entities) {
    lines.push(`  entities on ${guard.entities.rows} rows (${guard.entities.match}):`);
    lines.push(
      ...table(
        [
          ["type", "expected", "found", "matched", "precision", "recall"],
          ...[...guard.entities.by_label, guard.entities.overall].map((entity) => [
            entity.label,
            String(entity.expected),
            String(entity.found),
            String(entity.matched),
            percent(entity.precision),
            percent(entity.recall),
          ]),
        ],
        { indent: "    " },
      ),
    );
  }
  return lines;
}

/**
 * What `evalgate guard eval` prints: one table per guard. FPR clean is the
 * false-positive rate on rows that expect no guard at all.
 */
export function formatGuardEvalText(report: GuardEvalReport): string {
  const blocks = report.guards.map((guard) => guardBlock(guard).join("\n"));
  const header = `guardrails ${report.guardrails} on ${report.rows} labelled ${report.rows === 1 ? "row" : "rows"}`;
  const legend = "FPR clean: share of the rows that expect no guard on which it fired. Latency per check.";
  return `${[header, ...blocks, legend].join("\n\n")}\n`;
}
