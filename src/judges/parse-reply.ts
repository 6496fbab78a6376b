import { jsonSyntaxReason } from "../errors.js";
import { JudgeReplySchema, type JudgeReply } from "./judge-schema.js";

export type ParsedReply = { ok: true; reply: JudgeReply } | { ok: false; error: string };

// Models without native structured output often wrap JSON in a Markdown fence; the JSON inside is still the answer.
const FENCED = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/;

/** A judge reply checked against `{ critique, verdict: "PASS" | "FAIL" }`; the error says what to fix. */
export function parseJudgeReply(text: string): ParsedReply {
  const trimmed = text.trim();
  const json = FENCED.exec(trimmed)?.[1] ?? trimmed;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `The reply is not valid JSON (${jsonSyntaxReason(error)}).` };
  }
  const parsed = JudgeReplySchema.safeParse(value);
  if (parsed.success) return { ok: true, reply: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  return { ok: false, error: `The reply does not match the required shape: ${problems.join("; ")}.` };
}

/** The follow-up turn after an unparseable reply: what was wrong, and the shape again. */
export function retryInstruction(error: string): string {
  return `${error} Reply again with only a JSON object {"critique": "<your reasoning>", "verdict": "PASS" or "FAIL"} and nothing else.`;
}
