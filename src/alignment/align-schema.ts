import { z } from "zod";
import { AgreementFiguresSchema } from "./figures-schema.js";

export const AlignSplitSchema = z.enum(["dev", "test", "all"]);
export type AlignSplit = z.infer<typeof AlignSplitSchema>;

export const DisagreementSchema = z.object({
  case_id: z.string(),
  trial: z.number().int(),
  human: z.enum(["pass", "fail"]),
  judge: z.enum(["pass", "fail"]),
  notes: z.string().optional(),
  critique: z.string(),
});

/** What `evalgate align --json` prints: one judge version against one label set and split. */
export const AlignResultSchema = AgreementFiguresSchema.extend({
  judge: z.string(),
  version: z.string(),
  label_set: z.string(),
  label_set_version: z.string(),
  split: AlignSplitSchema,
  disagreements: z.array(DisagreementSchema),
  /** Items the judge could not score (error verdicts): not in the figures, never a PASS or FAIL. */
  unscored: z.array(z.object({ case_id: z.string(), trial: z.number().int(), critique: z.string() })),
  /** Items the judge's applies_when leaves out. */
  skipped: z.number().int().nonnegative(),
  /** Verdicts answered from the response cache (unchanged judge, same item: free). */
  cached: z.number().int().nonnegative(),
  /** How many times the test split has now been scored for this judge version. */
  test_viewings: z.number().int().nonnegative().optional(),
  /** Items whose verdict differs from the previous judge version's on the same labels. */
  changed_since: z.object({ version: z.string(), items: z.array(z.object({ case_id: z.string(), trial: z.number().int(), before: z.string(), after: z.string() })) }).optional(),
});
export type AlignResult = z.infer<typeof AlignResultSchema>;

/** One line of labels/align-history.jsonl: the loop's scoreboard. */
export const AlignHistoryEntrySchema = AgreementFiguresSchema.extend({
  at: z.iso.datetime(),
  judge: z.string(),
  version: z.string(),
  label_set: z.string(),
  label_set_version: z.string(),
  split: AlignSplitSchema,
  /** Verdict per "case_id#trial", so the next version can say which items changed. */
  verdicts: z.record(z.string(), z.enum(["pass", "fail", "error"])),
});
export type AlignHistoryEntry = z.infer<typeof AlignHistoryEntrySchema>;
