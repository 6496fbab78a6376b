import { z } from "zod";

const SpanSchema = z
  .strictObject({
    /** UTF-16 offsets into `text`, as JavaScript strings index it; `end` is exclusive. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    /** The entity, e.g. "EMAIL", "PHONE", "IBAN". */
    label: z.string().min(1),
  })
  .refine((span) => span.end > span.start, { message: "A span's end must be greater than its start (end is exclusive)", path: ["end"] });

/**
 * One labelled row of a guard evaluation set. Strict, so a misspelt
 * `expect_trigger` is reported instead of silently meaning "expects nothing".
 */
export const GuardEvalRowSchema = z
  .strictObject({
    id: z.union([z.string().trim().min(1, "Row id is blank; give the row a name such as \"benign-card-4242\""), z.number().int()]).transform(String),
    text: z.string(),
    /** The stage the text is checked at: a user message (input) or a model answer (output). */
    stage: z.enum(["input", "output"]),
    /** Ids of the guards that should trigger on this text; empty: none should. */
    expect_triggered: z.array(z.string().min(1)).default([]),
    /** PII rows: the entities in `text`, for entity-level precision and recall. */
    expect_spans: z.array(SpanSchema).optional(),
    /** Output rows: the user message the answer replies to (scope and groundedness guards read it). */
    input: z.string().optional(),
    /** Output rows: the retrieved documents the answer should rely on. */
    context: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    /** Why the row is there (what makes it hard); not read by evalgate. */
    note: z.string().optional(),
  })
  .superRefine((row, ctx) => {
    row.expect_spans?.forEach((span, index) => {
      if (span.end > row.text.length) {
        ctx.addIssue({ code: "custom", path: ["expect_spans", index, "end"], message: `Span ends at ${span.end}, past the end of the text (${row.text.length} characters)` });
      }
    });
  });
export type GuardEvalRow = z.output<typeof GuardEvalRowSchema>;
/** A row as written in a dataset file (before defaults and the id are normalised). */
export type GuardEvalRowInput = z.input<typeof GuardEvalRowSchema>;
