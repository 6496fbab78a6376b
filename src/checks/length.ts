import type { CheckConfigOf } from "../config/index.js";
import { readOutputText } from "./internal/read-output.js";
import { fail, pass } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

export type LengthUnit = CheckConfigOf<"length">["unit"];

/** Characters are Unicode code points (an emoji counts once); words are whitespace-separated runs. */
export function measureText(text: string, unit: LengthUnit): number {
  if (unit === "chars") return [...text].length;
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

export function scoreLength(text: string, limits: { unit: LengthUnit; min?: number | undefined; max?: number | undefined }): CheckVerdict {
  const size = measureText(text, limits.unit);
  const range = [limits.min === undefined ? "" : `≥ ${limits.min}`, limits.max === undefined ? "" : `≤ ${limits.max}`].filter(Boolean).join(" and ");
  const seen = `${size} ${limits.unit}`;
  if (limits.min !== undefined && size < limits.min) return fail(`${seen}, expected ${range}`);
  if (limits.max !== undefined && size > limits.max) return fail(`${seen}, expected ${range}`);
  return pass(`${seen} (${range})`);
}

export function lengthCheck(config: CheckConfigOf<"length">): CheckRun {
  return (input) => {
    const text = readOutputText(input.output, config.field);
    return text.ok ? scoreLength(text.value, config) : text.verdict;
  };
}
