import { jsonSyntaxReason } from "../../errors.js";
import type { CheckVerdict } from "../types.js";
import { lookupPath } from "./dotted-path.js";
import { excerpt } from "./excerpt.js";
import { fail, unscored } from "./verdict.js";

/** A value a check needs, or the verdict to return when it cannot be had. */
export type Read<T> = { ok: true; value: T } | { ok: false; verdict: CheckVerdict };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const stop = (verdict: CheckVerdict): Read<never> => ({ ok: false, verdict });

/**
 * The text a text check looks at: a string output as is; otherwise the value
 * at `field` when set; otherwise the output as JSON.
 */
export function readOutputText(output: unknown, field: string | undefined): Read<string> {
  if (typeof output === "string") return ok(output);
  if (output === undefined) return stop(unscored("target returned no output"));
  if (field === undefined) return ok(JSON.stringify(output));
  const found = readOutputField(output, field);
  if (!found.ok) return found;
  return ok(typeof found.value === "string" ? found.value : JSON.stringify(found.value));
}

/**
 * The value a structured check validates. Structured output usually arrives
 * from an LLM as text, so a string output is parsed as JSON first; `field`
 * then selects part of it.
 */
export function readOutputValue(output: unknown, field: string | undefined): Read<unknown> {
  if (output === undefined) return stop(unscored("target returned no output"));
  const parsed = parseJsonText(output);
  if (!parsed.ok || field === undefined) return parsed;
  return readOutputField(parsed.value, field);
}

/**
 * The value at `field` of an object output. A field the output lacks is the
 * output's fault ("fail"), like output that is not JSON: the model was asked
 * for that shape and did not produce it.
 */
export function readOutputField(output: unknown, field: string): Read<unknown> {
  const found = lookupPath(output, field);
  if (!found.found) return stop(fail(`output has no field "${found.missing}" (expected at \`field: ${field}\`)`));
  return ok(found.value);
}

/** A string parsed as JSON (a failure is the output's fault: "fail"); other values pass through. */
export function parseJsonText(value: unknown): Read<unknown> {
  if (typeof value !== "string") return ok(value);
  try {
    return ok(JSON.parse(value));
  } catch (error) {
    return stop(fail(`output is not valid JSON (${jsonSyntaxReason(error)}): ${excerpt(value)}`));
  }
}
