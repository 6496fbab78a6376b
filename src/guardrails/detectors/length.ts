import { measureText } from "../../checks/index.js";
import type { GuardFinding } from "../types.js";

/** Triggered when the text has fewer than `min` or more than `max` characters (Unicode code points, as the length check counts). */
export function checkLength(text: string, options: { min?: number; max?: number }): GuardFinding {
  const size = measureText(text, "chars");
  const range = [options.min === undefined ? "" : `≥ ${options.min}`, options.max === undefined ? "" : `≤ ${options.max}`].filter(Boolean).join(" and ");
  const outside = (options.min !== undefined && size < options.min) || (options.max !== undefined && size > options.max);
  return outside ? { triggered: true, reason: `${size} characters, expected ${range}` } : { triggered: false };
}
