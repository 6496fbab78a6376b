import { z } from "zod";
import type { Issue } from "../errors.js";
import { objectKeysAt } from "./schema-keys.js";
import { closestMatch } from "./suggest.js";

type PathSegment = PropertyKey;

/** An issue plus the raw path of the offending node, so callers can locate it in the source file. */
export interface SchemaIssue extends Issue {
  segments: PathSegment[];
}

interface Context {
  schema: z.ZodType;
  input: unknown;
}

/** `checks[2].pattern`: the path users read in messages and tests match on. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      const key = String(segment);
      if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return index === 0 ? key : `.${key}`;
    })
    .join("");
}

function valueAt(input: unknown, segments: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function show(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((value) => show(value)).join(", ");
}

/** `base` plus a "Did you mean" when `received` looks like a typo of one of `candidates`. */
function withSuggestion(base: string, received: unknown, candidates: readonly unknown[]): string {
  const match = typeof received === "string" ? closestMatch(received, candidates.map(String)) : undefined;
  return match === undefined ? base : `${base}. Did you mean "${match}"?`;
}

/** zod's names for expected types, in the words a config or dataset author uses. */
function typeName(expected: string): string {
  return ({ record: "object", int: "integer" } as Record<string, string>)[expected] ?? expected;
}

function joinAlternatives(words: readonly string[]): string {
  const unique = [...new Set(words.map(typeName))];
  return unique.length <= 1 ? (unique[0] ?? "") : `${unique.slice(0, -1).join(", ")} or ${unique.at(-1)}`;
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, received: unknown): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const op = small ? (issue.inclusive === false ? ">" : ">=") : issue.inclusive === false ? "<" : "<=";
  const word = small ? "at least" : "at most";
  switch (issue.origin) {
    case "string":
      if (small && bound === 1) return "Expected a non-empty string";
      return `Expected a string of ${word} ${bound} characters, received ${String(received).length}`;
    case "array":
    case "set":
      if (small && bound === 1) return "Expected a non-empty list";
      return `Expected ${word} ${bound} items, received ${Array.isArray(received) ? received.length : kindOf(received)}`;
    default:
      return `Expected a number ${op} ${bound}, received ${show(received)}`;
  }
}

/** For a union that failed everywhere, the branch the user most plausibly meant: one whose root type matched. */
function likelyBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const rootTypeMismatch = (issues: readonly z.core.$ZodIssue[]) => issues.some((i) => i.code === "invalid_type" && i.path.length === 0);
  const plausible = branches.filter((issues) => !rootTypeMismatch(issues));
  return plausible.sort((a, b) => a.length - b.length)[0];
}

/** zod's message text; its error maps may also return `{ message }`. */
function messageText(rendered: unknown): string | undefined {
  if (typeof rendered === "string") return rendered;
  return rendered !== null && typeof rendered === "object" ? (rendered as { message?: string }).message : undefined;
}

/**
 * True when the schema author wrote this message (`.regex(re, "…")`,
 * `{ error: "…" }`): zod keeps no flag for that, but its own message is what
 * the global error maps render for the same issue, so any other text is the
 * author's. `received` stands in for the input, which zod drops from
 * finished issues and reads only for invalid_type.
 */
function isAuthored(issue: z.core.$ZodIssue, received: unknown): boolean {
  const config = z.config();
  const raw = { ...issue, input: received } as z.core.$ZodRawIssue;
  const zodDefault = messageText(config.customError?.(raw)) ?? messageText(config.localeError?.(raw)) ?? "Invalid input";
  return issue.message !== zodDefault;
}

function describe(issue: z.core.$ZodIssue, prefix: readonly PathSegment[], ctx: Context): SchemaIssue[] {
  const segments = [...prefix, ...issue.path];
  const received = valueAt(ctx.input, segments);
  const make = (message: string, at: PathSegment[] = segments): SchemaIssue => ({ path: formatPath(at), message, segments: at });
  if (isAuthored(issue, received)) return [make(issue.message)];

  switch (issue.code) {
    case "invalid_type": {
      const parent = valueAt(ctx.input, segments.slice(0, -1));
      const missing = received === undefined && segments.length > 0 && parent !== null && typeof parent === "object" && !Array.isArray(parent);
      if (missing) return [make(`Missing required key "${String(segments.at(-1))}" (expected ${typeName(issue.expected)})`)];
      return [make(`Expected ${typeName(issue.expected)}, received ${kindOf(received)}`)];
    }
    case "unrecognized_keys": {
      const valid = objectKeysAt(ctx.schema, segments, ctx.input);
      const where = segments.length === 0 ? "at top level" : `in ${formatPath(segments)}`;
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, valid);
        const hint = suggestion !== undefined ? ` Did you mean "${suggestion}"?` : valid.length > 0 ? ` Valid keys: ${valid.join(", ")}.` : "";
        return make(`Unknown key "${key}" ${where}.${hint}`, [...segments, key]);
      });
    }
    case "invalid_union": {
      const discriminated = issue as z.core.$ZodIssueInvalidUnion & { discriminator?: string; options?: unknown[] };
      if (discriminated.options) {
        const options = discriminated.options;
        if (received === undefined) return [make(`Missing required key "${String(segments.at(-1))}" (one of ${quoteList(options)})`)];
        return [make(withSuggestion(`Expected one of ${quoteList(options)}, received ${show(received)}`, received, options))];
      }
      const branch = likelyBranch(issue.errors);
      if (branch) return branch.flatMap((inner) => describe(inner, segments, ctx));
      const expected = issue.errors.flatMap((issues) => issues.filter((i) => i.code === "invalid_type").map((i) => i.expected));
      if (received === undefined) return [make(`Missing required key "${String(segments.at(-1))}" (expected ${joinAlternatives(expected)})`)];
      return [make(`Expected ${joinAlternatives(expected)}, received ${kindOf(received)}`)];
    }
    case "invalid_value": {
      const expected = issue.values.length === 1 ? show(issue.values[0]) : `one of ${quoteList(issue.values)}`;
      return [make(withSuggestion(`Expected ${expected}, received ${show(received)}`, received, issue.values))];
    }
    case "too_small":
    case "too_big":
      return [make(sizeMessage(issue, received))];
    case "invalid_format":
      return [make(`Expected ${issue.format === "regex" ? `a string matching ${issue.pattern}` : `a valid ${issue.format}`}, received ${show(received)}`)];
    case "not_multiple_of":
      return [make(`Expected a multiple of ${String(issue.divisor)}, received ${show(received)}`)];
    case "invalid_element":
    case "invalid_key":
      return issue.issues.flatMap((inner) => describe(inner, segments, ctx));
    default:
      return [make(issue.message)];
  }
}

/**
 * Turns zod issues into messages in evalgate's voice ("Expected number,
 * received string"), with dotted paths and a "Did you mean" for unknown keys
 * and misspelt enum values. A message the schema sets itself is kept as
 * written. `input` is the value that was validated.
 */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, input: unknown): SchemaIssue[] {
  return issues.flatMap((issue) => describe(issue, [], { schema, input }));
}
