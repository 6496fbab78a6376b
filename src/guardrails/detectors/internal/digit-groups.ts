import { continuesAfter, continuesBefore, isDigitAt, isWordCharAt } from "./chars.js";

/** A run of digit groups joined by single separators, as numbers are written: "4111 1111-1111 1111", "(555) 123.4567". */
export interface DigitRun {
  start: number;
  end: number;
  /** Each group's digits and where it starts. */
  groups: { digits: string; start: number; end: number; parenthesised: boolean }[];
  /** The separator before each group after the first ("" when a ")" is followed directly by digits). */
  separators: string[];
  /** Written with a leading "+". */
  plus: boolean;
}

/**
 * Every maximal digit run in `text` whose groups are separated by one of
 * `separators` (one character each, never doubled), optionally opened by "+"
 * and with parenthesised groups when `parentheses` is set. A run starts at
 * the beginning of a token; runs glued to a larger one by punctuation
 * ("SKU-4821-7730", "2024-01-15T10", "a716-446655440000") are still
 * returned whole, and callers decide with `standsAlone`.
 */
export function findDigitRuns(text: string, separators: string, parentheses: boolean): DigitRun[] {
  // Cards, SSNs and phones all read the same text: keep the last few answers (runs are never mutated).
  const key = `${separators}|${parentheses}`;
  const cached = recent.find((entry) => entry.text === text && entry.key === key);
  if (cached) return cached.runs;
  const runs = scanDigitRuns(text, separators, parentheses);
  recent.unshift({ text, key, runs });
  recent.length = Math.min(recent.length, 4);
  return runs;
}

const recent: { text: string; key: string; runs: DigitRun[] }[] = [];

function scanDigitRuns(text: string, separators: string, parentheses: boolean): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    const plus = text.charAt(i) === "+" && (isDigitAt(text, i + 1) || (parentheses && text.charAt(i + 1) === "("));
    const opensGroup = isDigitAt(text, i) || (parentheses && text.charAt(i) === "(" && isDigitAt(text, i + 1));
    // A run never starts inside a token: the "88" of "DE88" or the "1" of "AA1" is part of a code.
    if ((!plus && !opensGroup) || isWordCharAt(text, i - 1)) {
      i++;
      continue;
    }
    const start = i;
    if (plus) i++;
    const run: DigitRun = { start, end: i, groups: [], separators: [], plus };
    let separator = "";
    for (;;) {
      const group = readGroup(text, i, parentheses);
      if (!group) break;
      if (run.groups.length > 0) run.separators.push(separator);
      run.groups.push(group);
      i = group.end;
      run.end = i;
      const next = text.charAt(i);
      if (separators.includes(next) && (isDigitAt(text, i + 1) || (parentheses && text.charAt(i + 1) === "(" && isDigitAt(text, i + 2)))) {
        separator = next;
        i++;
      } else if (group.parenthesised && isDigitAt(text, i)) {
        separator = "";
      } else {
        break;
      }
    }
    if (run.groups.length === 0) {
      i = start + 1;
      continue;
    }
    runs.push(run);
    i = run.end;
  }
  return runs;
}

function readGroup(text: string, from: number, parentheses: boolean): DigitRun["groups"][number] | undefined {
  if (parentheses && text.charAt(from) === "(") {
    let i = from + 1;
    while (isDigitAt(text, i)) i++;
    if (i === from + 1 || text.charAt(i) !== ")" || i - from > 6) return undefined;
    return { digits: text.slice(from + 1, i), start: from, end: i + 1, parenthesised: true };
  }
  let i = from;
  while (isDigitAt(text, i)) i++;
  if (i === from) return undefined;
  return { digits: text.slice(from, i), start: from, end: i, parenthesised: false };
}

/** True when the characters `start`..`end` are a token of their own, not a piece of "SKU-4821-7730" or "2024-01-15T10:30". */
export function standsAlone(text: string, start: number, end: number): boolean {
  return !continuesBefore(text, start) && !continuesAfter(text, end);
}
