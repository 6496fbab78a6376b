import { z } from "zod";

/** Deploy gate: compare a candidate run with a baseline. Validated now, used by `evalgate gate`. */
export const GateConfigSchema = z.strictObject({
  baseline: z.string().optional(),
  /** Largest drop in pass rate (0..1) tolerated before the gate fails. */
  max_regression: z.number().min(0).max(1).default(0.05),
  /** Significance level of the regression test. */
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** Absolute floors per check/judge id, e.g. { grounded: 0.9 }. */
  min_pass_rate: z.record(z.string(), z.number().min(0).max(1)).default({}),
});
export type GateConfig = z.infer<typeof GateConfigSchema>;
