import { correctedPassRate, type CorrectedPassRateOptions, type JudgeAlignmentLookup } from "../../alignment/index.js";
import type { JudgeScore, ScoreSummary } from "../summary-schema.js";

/**
 * Adds each aligned judge's figures and corrected pass rate to its score.
 * p_obs is the judge's raw pass rate in this run (PASS over PASS + FAIL;
 * unscored verdicts say nothing either way); TPR and TNR come from the
 * align result of the same judge version.
 */
export function withJudgeAlignment(
  scores: readonly ScoreSummary[],
  alignment: Readonly<Record<string, JudgeAlignmentLookup>>,
  options: CorrectedPassRateOptions,
): ScoreSummary[] {
  return scores.map((score) => {
    const lookup = score.kind === "judge" ? alignment[score.id] : undefined;
    if (score.kind !== "judge" || !lookup) return score;
    return { ...score, alignment: alignmentOf(score, lookup, options) };
  });
}

function alignmentOf(score: JudgeScore, lookup: JudgeAlignmentLookup, options: CorrectedPassRateOptions): NonNullable<JudgeScore["alignment"]> {
  if (lookup.status === "unmeasured") return { measured: null, corrected: { status: "refused", reason: `Corrected pass rate refused: ${lookup.reason}` } };
  const { status: _status, ...measured } = lookup;
  const observed = { passes: score.passed, total: score.passed + score.failed };
  return { measured, corrected: correctedPassRate(measured.confusion, observed, measured.by_case ? { ...options, byCase: measured.by_case } : options) };
}
