import type { CheckConfigOf } from "../config/index.js";
import { parseJsonText, readOutputValue } from "./internal/read-output.js";
import { pass } from "./internal/verdict.js";
import type { CheckRun } from "./types.js";

/**
 * Passes when the output is JSON text (or already a structured value). With
 * `field`, the value at that path must itself be JSON text or structured.
 */
export function jsonCheck(config: CheckConfigOf<"json">): CheckRun {
  return (input) => {
    const value = readOutputValue(input.output, config.field);
    if (!value.ok) return value.verdict;
    const parsed = config.field === undefined ? value : parseJsonText(value.value);
    if (!parsed.ok) return parsed.verdict;
    return pass(typeof input.output === "string" ? "valid JSON" : "output is already structured");
  };
}
