import type { JudgeScore, Summary } from "../summary-schema.js";
import { formatCount, formatPercent, NONE } from "./format.js";

/** Headers of the corrected-pass-rate table, shared by the terminal and report.md. */
export const CORRECTED_HEADERS = ["judge", "raw pass rate", "corrected", "CI", "TPR", "TNR", "kappa", "measured on"] as const;

export interface CorrectedRows {
  /** One row of cells per judge whose correction was estimated. */
  estimated: string[][];
  /** One sentence per judge whose correction was refused, with the reason. */
  refused: string[];
}

/** The aligned judges of a summary as table cells and refusal lines; empty when no judge was aligned. */
export function correctedRows(summary: Summary): CorrectedRows {
  const rows: CorrectedRows = { estimated: [], refused: [] };
  for (const score of summary.scores) {
    if (score.kind !== "judge" || !score.alignment) continue;
    const { measured, corrected } = score.alignment;
    if (corrected.status === "refused" || !measured) {
      rows.refused.push(`${score.id}: ${corrected.status === "refused" ? corrected.reason : "no measured figures"}`);
      continue;
    }
    rows.estimated.push([
      score.id,
      formatPercent(score.pass_rate.rate),
      formatPercent(corrected.estimate),
      `${formatPercent(corrected.low)}–${formatPercent(corrected.high)}`,
      formatPercent(measured.tpr.value),
      formatPercent(measured.tnr.value),
      measured.kappa === null ? NONE : measured.kappa.toFixed(2),
      // Split and n first: the terminal cuts this cell from the end.
      `${measured.split}, n=${measured.n}, ${measured.label_set}@${measured.label_set_version}`,
    ]);
  }
  return rows;
}

/** Where the figures come from, in one sentence. */
export function correctedNote(summary: Summary): string {
  const estimated = summary.scores.find((s): s is JudgeScore => s.kind === "judge" && s.alignment?.corrected.status === "estimated");
  const corrected = estimated?.alignment?.corrected;
  const bootstrap = corrected?.status === "estimated" ? ` (${formatCount(corrected.resamples)} seeded bootstrap resamples, seed ${corrected.seed})` : "";
  return `Corrected for each judge's TPR and TNR against human labels (the test split, or dev when the judge version has no test result): θ̂ = (p + TNR − 1)/(TPR + TNR − 1), clipped to [0, 1]${bootstrap}.`;
}
