import type { Range } from "./span.js";

const URL_START = /(?<![\p{L}\p{N}])(?:(?:https?|ftp):\/\/|www\.)(?=[\p{L}\p{N}[])/giu;
/** Characters that end a link in running text. */
const STOP = /[\s<>"'`{}|\\^]/u;
/** Sentence punctuation after a link belongs to the sentence. */
const TRAILING = /[.,;:!?*_~]/;

export interface FoundUrl extends Range {
  /** The host, lower-cased, without port or trailing dot; undefined when the link does not parse. */
  host: string | undefined;
}

/**
 * Links in running text: `scheme://…` for http, https and ftp, and bare
 * `www.` hosts. Bare domains ("see example.com") are not links here: without
 * a list of top-level domains they cannot be told from file names ("app.py",
 * "Node.js"). A closing bracket ends a link unless the link opened it, so
 * markdown `[text](https://…)` and "(see https://…)" end where they should.
 */
export function findUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  for (const match of text.matchAll(URL_START)) {
    const start = match.index;
    if (found.length > 0 && start < found[found.length - 1]!.end) continue;
    let end = start;
    let open = 0;
    while (end < text.length) {
      const ch = text.charAt(end);
      if (STOP.test(ch)) break;
      if (ch === "(" || ch === "[") open++;
      if (ch === ")" || ch === "]") {
        if (open === 0) break;
        open--;
      }
      end++;
    }
    while (end > start && TRAILING.test(text.charAt(end - 1))) end--;
    const link = text.slice(start, end);
    found.push({ start, end, host: hostOf(link) });
  }
  return found;
}

/** The host of a link as found by `findUrls`, lower-cased and without a trailing dot. */
export function hostOf(link: string): string | undefined {
  try {
    const url = new URL(/^www\./i.test(link) ? `http://${link}` : link);
    return url.hostname.replace(/\.$/, "").toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
