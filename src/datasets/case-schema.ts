import { z } from "zod";
import { ChatMessageSchema } from "../log/index.js";

// C0/C1 controls and the Unicode line and paragraph separators: a newline in an
// id breaks the one-line-per-case reports, terminal tables and label sheets.
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;

/** Case ids name cases in results, reports, baselines and label sheets, so they must be visible and one line. */
const CaseIdTextSchema = z.string().superRefine((id, ctx) => {
  if (id.trim() === "") {
    ctx.addIssue({ code: "custom", message: `Case id ${JSON.stringify(id)} is blank; give the case a name such as "refund-window"` });
    return;
  }
  const control = CONTROL_CHARACTER.exec(id);
  if (control) {
    const codePoint = `U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    ctx.addIssue({
      code: "custom",
      message: `Case id ${JSON.stringify(id)} contains the control character ${codePoint} at position ${control.index + 1}; ids must be one line of visible text, e.g. "refund-window"`,
    });
  }
});

/**
 * One dataset case. Strict, so a misspelt field ("expect") is reported with a
 * suggestion instead of being silently dropped from every trial.
 */
export const CaseSchema = z.strictObject({
  /** Unique across every file of the suite. JSON integers are accepted and become strings. */
  id: z.union([CaseIdTextSchema, z.number().int()]).transform(String),
  /** A prompt, a structured request, or a multi-turn conversation. */
  input: z.union([z.string(), z.array(ChatMessageSchema).min(1), z.record(z.string(), z.unknown())]),
  expected: z.unknown().optional(),
  /** Reference material for judges (e.g. the documents a grounded answer must rely on). */
  context: z.unknown().optional(),
  tags: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Case = z.output<typeof CaseSchema>;
/** A case as written in a dataset file (before the id is normalised). */
export type CaseInput = z.input<typeof CaseSchema>;
