import { closestMatch } from "../../config/index.js";
import type { DatasetIssue } from "../../errors.js";
import type { LocatedRecord } from "../../datasets/index.js";
import type { Guardrails } from "../types.js";
import type { GuardEvalRow } from "./row-schema.js";

/**
 * Problems between labelled rows and the guardrails they evaluate: a guard id
 * that is not configured (a typo would silently count as "expects nothing"),
 * or one configured at the other stage (it never runs on that row, so it
 * could only ever be a miss).
 */
export function checkRowsAgainstGuardrails(rows: readonly LocatedRecord<GuardEvalRow>[], guardrails: Guardrails): DatasetIssue[] {
  const stageOf = new Map<string, string>();
  for (const guard of guardrails.input) stageOf.set(guard.id, "input");
  for (const guard of guardrails.output) stageOf.set(guard.id, "output");
  const ids = [...stageOf.keys()];
  const issues: DatasetIssue[] = [];
  for (const { file, line, value: row } of rows) {
    row.expect_triggered.forEach((id, index) => {
      const field = `expect_triggered[${index}]`;
      const stage = stageOf.get(id);
      if (stage === undefined) {
        const suggestion = closestMatch(id, ids);
        const hint = suggestion ? `Did you mean "${suggestion}"?` : `The guards are: ${ids.join(", ") || "(none)"}.`;
        issues.push({ file, line, field, message: `No guard "${id}" in guardrails "${guardrails.name}". ${hint}` });
      } else if (stage !== row.stage) {
        issues.push({ file, line, field, message: `Guard "${id}" runs at the ${stage} stage, but this row's stage is "${row.stage}"; move the row to stage "${stage}" or expect an ${row.stage} guard` });
      }
    });
  }
  return issues;
}
