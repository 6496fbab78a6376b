import { errorMessage } from "../../errors.js";
import { show } from "./excerpt.js";
import { compileUserPattern, type TextPattern } from "./text-pattern.js";

// "/^A\d+$/i": a string written between slashes is a regex, not a literal.
const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;

// Compiled once per literal: the same expected arguments are matched on every trial.
const compiled = new Map<string, TextPattern>();

/** A `/.../flags` string as a pattern, on RE2 like every user regex (no argument can hang a run). */
function regexLiteral(value: string): TextPattern | undefined {
  const literal = REGEX_LITERAL.exec(value);
  if (!literal) return undefined;
  let pattern = compiled.get(value);
  if (!pattern) {
    pattern = compileUserPattern(literal[1] ?? "", (literal[2] ?? "").replace(/[gy]/g, ""));
    compiled.set(value, pattern);
  }
  return pattern;
}

/**
 * Where actual arguments first fail to match the expected ones, as
 * `order_id: expected "A1", got "B2"`; undefined when they match. Objects
 * match as a subset (extra keys allowed, recursively); arrays item by item
 * with equal length; `/.../` strings as regexes against the value's text.
 * Throws SyntaxError for an invalid regex literal (see findInvalidRegexLiteral).
 */
export function argumentMismatch(actual: unknown, expected: unknown, path = ""): string | undefined {
  const at = path || "arguments";
  if (typeof expected === "string") {
    const regex = regexLiteral(expected);
    if (regex) {
      const text = typeof actual === "string" || typeof actual === "number" || typeof actual === "boolean" ? String(actual) : undefined;
      return text !== undefined && regex.firstMatch(text) ? undefined : `${at}: expected to match ${expected}, got ${show(actual)}`;
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${at}: expected ${show(expected)}, got ${show(actual)}`;
    for (const [i, item] of expected.entries()) {
      const mismatch = argumentMismatch(actual[i], item, join(path, String(i)));
      if (mismatch !== undefined) return mismatch;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${at}: expected an object, got ${show(actual)}`;
    const actualRecord = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actualRecord)) return `${join(path, key)}: missing (expected ${show(value)})`;
      const mismatch = argumentMismatch(actualRecord[key], value, join(path, key));
      if (mismatch !== undefined) return mismatch;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${at}: expected ${show(expected)}, got ${show(actual)}`;
}

/** The first `/.../` string in expected arguments that is not a valid regex, located by its dotted path. */
export function findInvalidRegexLiteral(expected: unknown, path = ""): { path: string; message: string } | undefined {
  if (typeof expected === "string") {
    try {
      regexLiteral(expected);
      return undefined;
    } catch (error) {
      return { path, message: `${JSON.stringify(expected)} is not a valid regex: ${errorMessage(error)}` };
    }
  }
  if (expected === null || typeof expected !== "object") return undefined;
  for (const [key, value] of Object.entries(expected)) {
    const invalid = findInvalidRegexLiteral(value, join(path, key));
    if (invalid) return invalid;
  }
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
