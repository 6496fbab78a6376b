import type { TrialRecord } from "../../log/index.js";
import type { TagScore } from "../summary-schema.js";
import { caseOutcome, countOutcomes } from "./outcome-counts.js";

/** Pass rates per dataset tag, tags in first-seen order (cases carry their tags on every trial). */
export function summarizeTags(trials: readonly TrialRecord[], confidence: number): TagScore[] {
  const byTag = new Map<string, TrialRecord[]>();
  for (const trial of trials) {
    for (const tag of new Set(trial.tags ?? [])) {
      const tagged = byTag.get(tag) ?? [];
      tagged.push(trial);
      byTag.set(tag, tagged);
    }
  }
  return [...byTag].map(([tag, tagged]) => ({ tag, ...countOutcomes(tagged.map(caseOutcome), confidence) }));
}
