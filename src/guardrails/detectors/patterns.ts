import type { TextPattern } from "../../checks/index.js";
import type { GuardFinding, GuardSpan } from "../types.js";
import { describeList } from "./internal/describe-list.js";

export interface PatternOptions {
  block?: readonly TextPattern[];
  allow?: readonly TextPattern[];
}

/**
 * Block and allow lists of regular expressions, compiled by the checks'
 * `compileUserPattern` (RE2: linear time whatever the pattern). Triggered
 * when a blocked pattern matches (each non-empty match a "pattern" span), or
 * when an allow list is given and none of it matches. Reasons name the
 * patterns, never the matched text, which may be what the guard protects.
 */
export function matchPatterns(text: string, options: PatternOptions): GuardFinding {
  const block = options.block ?? [];
  const spans: GuardSpan[] = [];
  const hit: string[] = [];
  for (const pattern of block) {
    const matches = pattern.allMatches(text);
    if (matches.length === 0) continue;
    hit.push(shown(pattern));
    for (const m of matches) if (m.text.length > 0) spans.push({ start: m.index, end: m.index + m.text.length, label: "pattern" });
  }
  if (hit.length > 0) {
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    return { triggered: true, spans, reason: `matches blocked ${hit.length === 1 ? "pattern" : "patterns"} ${describeList(hit)}` };
  }
  const allow = options.allow ?? [];
  if (allow.length > 0 && !allow.some((pattern) => pattern.firstMatch(text) !== undefined)) {
    return { triggered: true, reason: `matches none of the allowed patterns (${describeList(allow.map(shown))})` };
  }
  return { triggered: false };
}

function shown(pattern: TextPattern): string {
  return `/${pattern.source}/${pattern.flags}`;
}
