import type { ReportData, TextRef } from "../report-data.js";

export interface TextTable {
  /** A plain text (reason, critique, message, model name). */
  text(value: string | undefined): TextRef;
  /** Any value as JSON (input, expected, output, trace parts); undefined is -1. */
  json(value: unknown): TextRef;
  /** The table, with the longest texts cut so that all of them add up to at most `limit` characters. */
  finish(limit: number): Pick<ReportData, "texts" | "shortened" | "budget">;
}

/**
 * Stores each distinct text once: repeats of a case share input, context and
 * often output, and passing checks repeat the same reason thousands of times.
 */
export function createTextTable(): TextTable {
  const index = new Map<string, number>();
  const texts: string[] = [];
  const add = (value: string): TextRef => {
    let ref = index.get(value);
    if (ref === undefined) {
      ref = texts.length;
      texts.push(value);
      index.set(value, ref);
    }
    return ref;
  };
  return {
    text: (value) => (value === undefined ? -1 : add(value)),
    json: (value) => (value === undefined ? -1 : add(JSON.stringify(value) ?? "null")),
    finish(limit) {
      const chars = texts.reduce((sum, t) => sum + t.length, 0);
      const cutTo = chars <= limit ? null : cutLength(texts, limit);
      const shortened = { index: [] as number[], length: [] as number[] };
      if (cutTo !== null) {
        texts.forEach((t, i) => {
          if (t.length <= cutTo) return;
          shortened.index.push(i);
          shortened.length.push(t.length);
          texts[i] = cutAt(t, cutTo);
        });
      }
      return { texts, shortened, budget: { chars, limit, cut_to: cutTo } };
    },
  };
}

/**
 * The largest length c such that cutting every longer text to c keeps the
 * total within `limit` ("water-filling"): short texts are never touched, and
 * only the longest give up characters.
 */
export function cutLength(texts: readonly string[], limit: number): number {
  const total = (c: number) => texts.reduce((sum, t) => sum + Math.min(t.length, c), 0);
  let low = 0;
  // reduce, not Math.max(...): a spread of a million lengths overflows the call stack.
  let high = texts.reduce((max, t) => Math.max(max, t.length), 0);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(mid) <= limit) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Cuts at `length` code units without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
