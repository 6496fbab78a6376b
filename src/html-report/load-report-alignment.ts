import { dirname } from "node:path";
import { labelsDir, loadLabelSet, readAlignHistory, type AlignHistoryEntry } from "../alignment/index.js";
import { errorMessage } from "../errors.js";
import type { RunManifest } from "../log/index.js";
import type { JudgeScore, Summary } from "../report/index.js";
import type { ReportAlignment, ReportJudgeAlignment } from "./report-data.js";

/**
 * The Alignment view's data for a run: for each of its judges ever aligned in
 * the suite's labels/ folder, the figures its summary used, every align result
 * (agreement across judge versions) and the labelled items where judge and
 * human disagreed in the measured result. Undefined when no judge was aligned.
 */
export async function loadReportAlignment(manifest: Pick<RunManifest, "suite_file" | "judges">, summary: Pick<Summary, "scores">): Promise<ReportAlignment | undefined> {
  if (manifest.judges.length === 0) return undefined;
  const labels = labelsDir(dirname(manifest.suite_file));
  let history: AlignHistoryEntry[];
  try {
    history = await readAlignHistory(labels);
  } catch {
    // The summary already says, per judge, why the damaged history corrected nothing.
    history = [];
  }
  const judges: ReportJudgeAlignment[] = [];
  for (const judge of manifest.judges) {
    const score = summary.scores.find((s): s is JudgeScore => s.kind === "judge" && s.id === judge.id);
    const entries = history.filter((e) => e.judge === judge.id);
    if (entries.length === 0 && !score?.alignment) continue;
    const measured = score?.alignment?.measured ?? null;
    const refused = score?.alignment?.corrected.status === "refused" ? score.alignment.corrected.reason : undefined;
    judges.push({
      id: judge.id,
      version: judge.version,
      measured,
      ...(measured === null && refused ? { unmeasured_reason: refused } : {}),
      history: entries.map((e) => ({
        at: e.at,
        version: e.version,
        split: e.split,
        label_set: e.label_set,
        label_set_version: e.label_set_version,
        n: e.n,
        tpr: { value: e.tpr.value, low: e.tpr.low, high: e.tpr.high },
        tnr: { value: e.tnr.value, low: e.tnr.low, high: e.tnr.high },
        kappa: e.kappa,
      })),
      ...(measured ? await disagreements(labels, measured, entries) : { disagreements: [] }),
    });
  }
  return judges.length === 0 ? undefined : { judges };
}

type Measured = NonNullable<ReportJudgeAlignment["measured"]>;

/** Items of the measured split where the judge's verdict (as recorded in that align result) and the human label differ. */
async function disagreements(labels: string, measured: Measured, entries: readonly AlignHistoryEntry[]): Promise<Pick<ReportJudgeAlignment, "disagreements" | "disagreements_note" | "labelled_run">> {
  const entry = entries.findLast(
    (e) => e.version === measured.judge_version && e.label_set === measured.label_set && e.label_set_version === measured.label_set_version && e.split === measured.split && e.at === measured.aligned_at,
  );
  if (!entry) return { disagreements: [], disagreements_note: "the align result the figures come from is no longer in align-history.jsonl." };
  try {
    const set = await loadLabelSet(labels, `${measured.label_set}@${measured.label_set_version}`);
    const items = set.items.filter((item) => item.split === measured.split);
    return {
      labelled_run: set.run_id,
      disagreements: items.flatMap((item) => {
        const verdict = entry.verdicts[`${item.case_id}#${item.trial}`];
        if ((verdict !== "pass" && verdict !== "fail") || verdict === item.label) return [];
        return [{ case_id: item.case_id, trial: item.trial, human: item.label, judge: verdict, ...(item.notes ? { notes: item.notes } : {}) }];
      }),
    };
  } catch (error) {
    return { disagreements: [], disagreements_note: `label set ${measured.label_set}@${measured.label_set_version} could not be read: ${errorMessage(error).split("\n")[0]}` };
  }
}
