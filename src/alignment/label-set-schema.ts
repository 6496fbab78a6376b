import { z } from "zod";
import { TraceSchema } from "../log/index.js";

export const LABEL_SET_SCHEMA_VERSION = 1 as const;

export const SPLITS = ["train", "dev", "test"] as const;
export const SplitSchema = z.enum(SPLITS);
export type Split = z.infer<typeof SplitSchema>;

/**
 * One labelled trial. The trial's input, output and trace are copied from the
 * run, so `evalgate align` can re-judge it after the run directory is gone and
 * without re-running the target.
 */
export const LabelItemSchema = z.object({
  case_id: z.string(),
  trial: z.number().int().nonnegative(),
  label: z.enum(["pass", "fail"]),
  notes: z.string().optional(),
  split: SplitSchema,
  input: z.unknown(),
  expected: z.unknown().optional(),
  context: z.unknown().optional(),
  tags: z.array(z.string()).optional(),
  output: z.unknown(),
  trace: TraceSchema.optional(),
});
export type LabelItem = z.infer<typeof LabelItemSchema>;

/** Two annotators' agreement, reported before their labels are used. */
export const AnnotatorAgreementSchema = z.object({
  n: z.number().int().nonnegative(),
  kappa: z.number().nullable(),
  disagreements: z.array(z.object({ case_id: z.string(), trial: z.number().int(), label_a: z.enum(["pass", "fail"]), label_b: z.enum(["pass", "fail"]) })),
});
export type AnnotatorAgreement = z.infer<typeof AnnotatorAgreementSchema>;

/** One version of a label set: labels/<name>/<hash>.json. A re-import with any change is a new version. */
export const LabelSetSchema = z.object({
  schema_version: z.literal(LABEL_SET_SCHEMA_VERSION),
  name: z.string(),
  /** 12 hex digits of sha256 over judge, run and items: the version. */
  hash: z.string(),
  /** The version this one replaced, so criteria drift stays traceable. */
  previous: z.string().nullable(),
  created_at: z.iso.datetime(),
  judge: z.string(),
  run_id: z.string(),
  source: z.object({ file: z.string(), sha256: z.string() }),
  /** Seed of the train/dev/test split. */
  split_seed: z.number().int(),
  annotators: AnnotatorAgreementSchema.optional(),
  items: z.array(LabelItemSchema),
});
export type LabelSet = z.infer<typeof LabelSetSchema>;
