import type { CheckConfigOf } from "../config/index.js";
import { lookupPath } from "./internal/dotted-path.js";
import { excerpt, show } from "./internal/excerpt.js";
import { parseJsonText, readOutputField } from "./internal/read-output.js";
import { fail, pass, unscored } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

export interface Normalisation {
  trim: boolean;
  caseSensitive: boolean;
  collapseWhitespace: boolean;
  stripPunctuation: boolean;
}

export function normaliseText(text: string, n: Normalisation): string {
  let result = text;
  if (n.stripPunctuation) result = result.replace(/\p{P}/gu, "");
  if (n.collapseWhitespace) result = result.replace(/\s+/g, " ");
  if (n.trim) result = result.trim();
  if (!n.caseSensitive) result = result.toLowerCase();
  return result;
}

/**
 * Compares an output with the reference answer. A text or scalar reference is
 * compared as normalised text; an object or array reference deep-equal (a
 * string output is parsed as JSON first), with string leaves normalised too.
 */
export function scoreEquals(actual: unknown, expected: unknown, n: Normalisation): CheckVerdict {
  if (expected === null || typeof expected !== "object") {
    const actualText = asText(actual);
    const equal = normaliseText(actualText, n) === normaliseText(asText(expected), n);
    return equal ? pass(`equals ${show(expected)}`) : fail(`expected ${show(expected)}, got ${excerpt(actualText)}`);
  }
  const parsed = parseJsonText(actual);
  if (!parsed.ok) return parsed.verdict;
  const difference = firstDifference(parsed.value, expected, "", n);
  return difference === undefined ? pass("equals the expected value") : fail(difference);
}

export function equalsCheck(config: CheckConfigOf<"equals">): CheckRun {
  const n: Normalisation = {
    trim: config.trim,
    caseSensitive: config.case_sensitive,
    collapseWhitespace: config.collapse_whitespace,
    stripPunctuation: config.strip_punctuation,
  };
  return (input) => {
    if (input.expected === undefined) {
      return unscored("case has no `expected` value to compare with (add `expected` to the case)");
    }
    let expected: unknown = input.expected;
    if (config.expected_field !== undefined) {
      const found = lookupPath(expected, config.expected_field);
      if (!found.found) return unscored(`case's expected has no field "${found.missing}" (check \`expected_field\`)`);
      expected = found.value;
    }
    let actual: unknown = input.output;
    if (typeof actual !== "string" && config.field !== undefined) {
      const found = readOutputField(actual, config.field);
      if (!found.ok) return found.verdict;
      actual = found.value;
    }
    if (actual === undefined) return unscored("target returned no output");
    return scoreEquals(actual, expected, n);
  };
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Where two values first differ, as `at /path: expected …, got …`; undefined when equal. */
function firstDifference(actual: unknown, expected: unknown, path: string, n: Normalisation): string | undefined {
  const at = `at ${path || "/"}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${at}: expected ${expected.length} items, got ${actual.length}`;
    for (const [i, item] of expected.entries()) {
      const difference = firstDifference(actual[i], item, `${path}/${i}`, n);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${at}: expected an object, got ${show(actual)}`;
    const actualRecord = actual as Record<string, unknown>;
    const expectedRecord = expected as Record<string, unknown>;
    const missing = Object.keys(expectedRecord).find((key) => !(key in actualRecord));
    if (missing !== undefined) return `${at}: missing key "${missing}"`;
    const extra = Object.keys(actualRecord).find((key) => !(key in expectedRecord));
    if (extra !== undefined) return `${at}: unexpected key "${extra}"`;
    for (const key of Object.keys(expectedRecord)) {
      const difference = firstDifference(actualRecord[key], expectedRecord[key], `${path}/${key}`, n);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  const equal =
    typeof expected === "string" && typeof actual === "string"
      ? normaliseText(actual, n) === normaliseText(expected, n)
      : Object.is(actual, expected);
  return equal ? undefined : `${at}: expected ${show(expected)}, got ${show(actual)}`;
}
