import { dirname } from "node:path";
import { z } from "zod";
import { errorMessage } from "../errors.js";
import type { RunManifest } from "../log/index.js";
import { readAlignHistory } from "./align-history.js";
import type { AlignHistoryEntry } from "./align-schema.js";
import { AgreementFiguresSchema } from "./figures-schema.js";
import { labelsDir } from "./label-store.js";

/**
 * A judge version's measured agreement with human labels, as a run summary
 * uses it to correct that judge's pass rate: the latest align result on the
 * test split, or on dev when the judge version was never scored on test.
 */
export const JudgeAlignmentSchema = AgreementFiguresSchema.pick({ n: true, human_pass: true, human_fail: true, confusion: true, tpr: true, tnr: true, kappa: true, by_case: true }).extend({
  judge_version: z.string(),
  label_set: z.string(),
  label_set_version: z.string(),
  /** Which split measured TPR and TNR: "test" when there is one, else "dev". Never train (few-shot examples come from it) nor "all". */
  split: z.enum(["test", "dev"]),
  aligned_at: z.iso.datetime(),
});
export type JudgeAlignment = z.infer<typeof JudgeAlignmentSchema>;

/** Per judge of a run: its measured figures, or why there are none. */
export type JudgeAlignmentLookup = ({ status: "measured" } & JudgeAlignment) | { status: "unmeasured"; reason: string };

/**
 * The figures that may correct `judge`'s verdicts: only an align result of
 * the same judge version (another version's error rates say nothing about
 * these verdicts). Undefined when the judge was never aligned at all, so
 * suites without labels get no noise in their summaries.
 */
export function pickJudgeAlignment(history: readonly AlignHistoryEntry[], judge: { id: string; version: string }): JudgeAlignmentLookup | undefined {
  const ofJudge = history.filter((entry) => entry.judge === judge.id);
  if (ofJudge.length === 0) return undefined;
  const ofVersion = ofJudge.filter((entry) => entry.version === judge.version);
  const chosen = ofVersion.filter((entry) => entry.split === "test").at(-1) ?? ofVersion.filter((entry) => entry.split === "dev").at(-1);
  if (!chosen) {
    const aligned = [...new Set(ofJudge.filter((e) => e.split !== "all").map((e) => e.version))];
    const which = aligned.length === 0 ? "only on --split all, which includes the train items its examples come from" : `only versions ${aligned.join(", ")}`;
    return {
      status: "unmeasured",
      reason: `judge version ${judge.version} has no align result on dev or test labels (aligned: ${which}); run evalgate align <judge-file> --labels <label-set> with the judge as this run used it.`,
    };
  }
  return {
    status: "measured",
    judge_version: chosen.version,
    label_set: chosen.label_set,
    label_set_version: chosen.label_set_version,
    split: chosen.split as "test" | "dev",
    aligned_at: chosen.at,
    n: chosen.n,
    human_pass: chosen.human_pass,
    human_fail: chosen.human_fail,
    confusion: chosen.confusion,
    tpr: chosen.tpr,
    tnr: chosen.tnr,
    kappa: chosen.kappa,
  };
}

/**
 * The alignment figures for every judge of a run, read from the labels/
 * folder of the suite the run was made from. Empty when that suite has no
 * align history (or is gone): the summary then shows raw pass rates only.
 */
export async function loadRunAlignment(manifest: Pick<RunManifest, "suite_file" | "judges">): Promise<Record<string, JudgeAlignmentLookup>> {
  if (manifest.judges.length === 0) return {};
  let history: AlignHistoryEntry[];
  try {
    history = await readAlignHistory(labelsDir(dirname(manifest.suite_file)));
  } catch (error) {
    // A damaged history must not cost the run its summary: every judge shows why it is not corrected.
    const reason = `the align history in ${labelsDir(dirname(manifest.suite_file))} could not be read (${errorMessage(error).split("\n")[0]}); fix or remove the bad line of align-history.jsonl.`;
    return Object.fromEntries(manifest.judges.map((judge) => [judge.id, { status: "unmeasured" as const, reason }]));
  }
  return Object.fromEntries(
    manifest.judges.flatMap((judge) => {
      const lookup = pickJudgeAlignment(history, judge);
      return lookup ? [[judge.id, lookup]] : [];
    }),
  );
}
