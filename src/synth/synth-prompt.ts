import { z } from "zod";
import type { ChatMessage } from "../log/index.js";
import type { Dimension } from "./dimensions-schema.js";
import type { LoadedDimensions } from "./load-dimensions.js";
import type { Combination } from "./sample-combinations.js";

/** What the model must answer: one query, nothing else. */
export const SynthReplySchema = z.strictObject({
  query: z.string().refine((text) => text.trim() !== "", "The query must not be empty."),
});
export type SynthReply = z.infer<typeof SynthReplySchema>;

export const SYNTH_REPLY_SCHEMA_NAME = "synthetic_query";

/** The reply schema as JSON Schema for structured output (no `$schema`: some vendors reject unknown keywords). */
export function synthReplyJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(SynthReplySchema) as Record<string, unknown>;
  return schema;
}

const SYSTEM = [
  "You write test data for an AI assistant: one message that a real user would send it, in that user's own words.",
  "The persona, goal and scenario given (or whatever dimensions are listed) decide what the user asks and how they write it: vocabulary, detail, mood, typos if they fit.",
  "Write only the user's message. Do not answer it, do not describe the user, do not mention tests, personas or dimensions.",
  'Reply with a JSON object: {"query": "<the message>"}.',
].join("\n");

/** The conversation that asks for one query for one combination. */
export function synthMessages(spec: Pick<LoadedDimensions, "description" | "instructions" | "dimensions">, combination: Combination): ChatMessage[] {
  const lines = [`The product:\n${spec.description.trim()}`];
  if (spec.instructions) lines.push(`Guidance for every message:\n${spec.instructions.trim()}`);
  lines.push(`Write the message of this user:\n${spec.dimensions.map((d) => describe(d, combination.values[d.name] ?? "")).join("\n")}`);
  if (combination.occurrence > 0) lines.push(`This user has been written ${combination.occurrence === 1 ? "once" : `${combination.occurrence} times`} already: ask something different this time.`);
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: lines.join("\n\n") },
  ];
}

function describe(dimension: Dimension, value: string): string {
  const about = dimension.description ? ` (${dimension.description.trim()})` : "";
  const meaning = dimension.values.find((v) => v.value === value)?.description;
  return `- ${dimension.name}${about}: ${value}${meaning ? ` — ${meaning.trim()}` : ""}`;
}
