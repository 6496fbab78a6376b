import { z } from "zod";

/**
 * Tag filter: which cases a judge (or a guardrail check) is about. A judge
 * skips other cases; a check passes them as not applicable.
 */
export const AppliesWhenSchema = z
  .strictObject({
    /** Applies when the case has at least one of these tags. */
    tags_any: z.array(z.string().min(1)).min(1).optional(),
    /** Applies only when the case has none of these tags. */
    tags_none: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((w) => w.tags_any !== undefined || w.tags_none !== undefined, {
    message: "Set `tags_any`, `tags_none` or both (or remove `applies_when` to cover every case).",
  });
export type AppliesWhen = z.infer<typeof AppliesWhenSchema>;

/** Whether an `applies_when` filter selects a case with these tags (no filter: every case). */
export function appliesTo(when: AppliesWhen | undefined, tags: readonly string[] = []): boolean {
  if (!when) return true;
  if (when.tags_any && !when.tags_any.some((tag) => tags.includes(tag))) return false;
  if (when.tags_none?.some((tag) => tags.includes(tag))) return false;
  return true;
}
