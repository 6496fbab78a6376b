import type { GuardFinding } from "../types.js";

export type JsonValidator = (value: unknown) => { ok: true } | { ok: false; reason: string };

/** A reply wrapped in one markdown code fence, as models often send JSON: ```json … ```. */
const FENCED = /^```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/**
 * Triggered when the text is not JSON or the value fails `validate` (the
 * engine compiles the schema with ajv). Surrounding whitespace and a single
 * enclosing markdown code fence are allowed: they carry no data.
 */
export function checkJsonSchema(text: string, validate: JsonValidator): GuardFinding {
  const trimmed = text.trim();
  const body = FENCED.exec(trimmed)?.[1] ?? trimmed;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { triggered: true, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const verdict = validate(value);
  return verdict.ok ? { triggered: false } : { triggered: true, reason: verdict.reason };
}
