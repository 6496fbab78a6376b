import { z } from "zod";

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1).nullable();

/**
 * Detection figures of each guard measured on labelled texts (`guard eval`):
 * the confusion counts with "triggered" as the positive class, the rates
 * derived from them (null when their denominator is zero) and latency.
 * The HTML report shows them in its Guardrails view when given.
 */
export const GuardEvalSchema = z.object({
  guards: z.array(
    z.object({
      id: z.string(),
      tp: count,
      fp: count,
      fn: count,
      tn: count,
      precision: fraction,
      recall: fraction,
      f1: fraction,
      fpr: fraction,
      p50_ms: z.number().nonnegative().nullable(),
      p95_ms: z.number().nonnegative().nullable(),
    }),
  ),
});
export type GuardEval = z.infer<typeof GuardEvalSchema>;
