import { canonicalJson } from "../config/index.js";
import type { JudgeExample } from "../judges/index.js";
import type { LabelItem } from "./label-set-schema.js";

export interface Leak {
  /** 1-based position of the example in the judge's examples file. */
  example: number;
  case_id: string;
  trial: number;
  split: "dev" | "test";
}

/**
 * Few-shot examples that are dev or test items. A judge shown the answer to
 * an item it is then scored on looks better than it is, so alignment figures
 * from it mean nothing. An example is matched to a labelled item by an exact
 * output (and input) match: example files hold no case ids.
 */
export function findLeaks(examples: readonly JudgeExample[], items: readonly LabelItem[]): Leak[] {
  const held = new Map<string, LabelItem>();
  for (const item of items) if (item.split !== "train") held.set(keyOf(item.input, item.output), item);
  return examples.flatMap((example, index) => {
    const item = held.get(keyOf(example.input, example.output));
    return item ? [{ example: index + 1, case_id: item.case_id, trial: item.trial, split: item.split as "dev" | "test" }] : [];
  });
}

function keyOf(input: unknown, output: unknown): string {
  return canonicalJson({ input: input ?? null, output: output ?? null });
}
