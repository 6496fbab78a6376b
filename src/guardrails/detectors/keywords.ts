import type { GuardFinding, GuardSpan } from "../types.js";
import { describeList } from "./internal/describe-list.js";

export interface KeywordOptions {
  block?: readonly string[];
  allow?: readonly string[];
  /** Default false: "Refund" matches "refund". */
  caseSensitive?: boolean;
}

/**
 * Block and allow lists of words and phrases. A keyword matches as a whole
 * word or phrase ("refund" not inside "refunded"; "wire transfer" across any
 * whitespace); edges that are not letters or digits ("c++", "$$$") match
 * wherever they appear. Triggered when a blocked keyword appears (each
 * occurrence a "keyword" span), or when an allow list is given and none of
 * it appears.
 */
export function matchKeywords(text: string, options: KeywordOptions): GuardFinding {
  const caseSensitive = options.caseSensitive ?? false;
  const block = usable(options.block);
  if (block.length > 0) {
    const spans: GuardSpan[] = [];
    const seen = new Set<string>();
    for (const m of text.matchAll(compile(block, caseSensitive))) {
      spans.push({ start: m.index, end: m.index + m[0].length, label: "keyword" });
      seen.add(caseSensitive ? m[0] : m[0].toLowerCase());
    }
    if (spans.length > 0) {
      const words = block.filter((k) => [...seen].some((s) => sameKeyword(s, k, caseSensitive)));
      return { triggered: true, spans, reason: `blocked ${words.length === 1 ? "keyword" : "keywords"} ${describeList(words)}` };
    }
  }
  const allow = usable(options.allow);
  if (allow.length > 0 && !compile(allow, caseSensitive).test(text)) {
    return { triggered: true, reason: `none of the allowed keywords appears (${describeList(allow)})` };
  }
  return { triggered: false };
}

function usable(keywords: readonly string[] | undefined): string[] {
  return (keywords ?? []).map((k) => k.trim()).filter((k) => k !== "");
}

function sameKeyword(found: string, keyword: string, caseSensitive: boolean): boolean {
  const squash = (s: string) => (caseSensitive ? s : s.toLowerCase()).replace(/\s+/g, " ");
  return squash(found) === squash(keyword);
}

const cache = new Map<string, RegExp>();
const CACHE_SIZE = 64;

/** One alternation for the whole list (longest first, so "new york city" wins over "new york"), compiled once per list. */
function compile(keywords: readonly string[], caseSensitive: boolean): RegExp {
  const key = `${caseSensitive ? "s" : "i"}\u0000${keywords.join("\u0001")}`;
  let regex = cache.get(key);
  if (!regex) {
    const alternatives = [...keywords].sort((a, b) => b.length - a.length).map(keywordSource);
    regex = new RegExp(alternatives.join("|"), caseSensitive ? "gu" : "giu");
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, regex);
  }
  // A fresh copy: a shared global regex carries lastIndex from one call to the next.
  return new RegExp(regex.source, regex.flags);
}

const WORD_EDGE = /[\p{L}\p{N}_]/u;

function keywordSource(keyword: string): string {
  const body = keyword
    .split(/\s+/)
    // The characters with a meaning in a pattern; "-" needs no escape outside a class (and may not have one under the u flag).
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("\\s+");
  const before = WORD_EDGE.test(keyword.charAt(0)) ? "(?<![\\p{L}\\p{N}_])" : "";
  const after = WORD_EDGE.test(keyword.charAt(keyword.length - 1)) ? "(?![\\p{L}\\p{N}_])" : "";
  return `${before}(?:${body})${after}`;
}
