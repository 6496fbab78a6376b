import { z } from "zod";
import { ChatMessageSchema } from "../log/index.js";

/**
 * One dataset case. Strict, so a misspelt field ("expect") is reported with a
 * suggestion instead of being silently dropped from every trial.
 */
export const CaseSchema = z.strictObject({
  /** Unique across every file of the suite. JSON integers are accepted and become strings. */
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
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
