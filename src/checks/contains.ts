import type { CheckConfigOf } from "../config/index.js";
import { excerpt, excerptAround } from "./internal/excerpt.js";
import { readOutputText } from "./internal/read-output.js";
import { fail, pass } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

export interface ContainsOptions {
  mode: "all" | "any";
  caseSensitive: boolean;
}

/** Passes when the text contains every needle (`all`) or at least one (`any`). */
export function scoreContains(text: string, needles: readonly string[], options: ContainsOptions): CheckVerdict {
  const haystack = fold(text, options.caseSensitive);
  const found = needles.filter((needle) => haystack.includes(fold(needle, options.caseSensitive)));
  if (options.mode === "any") {
    return found.length > 0 ? pass(`contains ${quoteList(found)}`) : fail(`none of ${quoteList(needles)} in ${excerpt(text)}`);
  }
  const missing = needles.filter((needle) => !found.includes(needle));
  return missing.length === 0 ? pass(`contains ${quoteList(needles)}`) : fail(`missing ${quoteList(missing)} in ${excerpt(text)}`);
}

/** Fails on the first needle the text contains, showing where it appears. */
export function scoreNotContains(text: string, needles: readonly string[], caseSensitive: boolean): CheckVerdict {
  const haystack = fold(text, caseSensitive);
  for (const needle of needles) {
    const at = haystack.indexOf(fold(needle, caseSensitive));
    if (at >= 0) return fail(`contains forbidden ${JSON.stringify(needle)}: ${excerptAround(text, at, needle.length)}`);
  }
  return pass(`does not contain ${quoteList(needles)}`);
}

export function containsCheck(config: CheckConfigOf<"contains">): CheckRun {
  const needles = needlesOf(config);
  const options = { mode: config.mode, caseSensitive: config.case_sensitive };
  return (input) => {
    const text = readOutputText(input.output, config.field);
    return text.ok ? scoreContains(text.value, needles, options) : text.verdict;
  };
}

export function notContainsCheck(config: CheckConfigOf<"not-contains">): CheckRun {
  const needles = needlesOf(config);
  return (input) => {
    const text = readOutputText(input.output, config.field);
    return text.ok ? scoreNotContains(text.value, needles, config.case_sensitive) : text.verdict;
  };
}

function needlesOf(config: { value?: string | undefined; values?: string[] | undefined }): readonly string[] {
  return config.values ?? (config.value === undefined ? [] : [config.value]);
}

function fold(text: string, caseSensitive: boolean): string {
  return caseSensitive ? text : text.toLowerCase();
}

function quoteList(items: readonly string[]): string {
  return items.map((item) => JSON.stringify(item)).join(", ");
}
