import { RE2JS } from "re2js";

/** One match: where it starts (UTF-16 index, as String.prototype.indexOf), its text and its capture groups. */
export interface PatternMatch {
  index: number;
  text: string;
  /** Group 1 first; undefined where a group took no part in the match. */
  groups: (string | undefined)[];
}

/**
 * A compiled pattern as checks use it. User patterns run on RE2 (linear time
 * in the text, whatever the pattern), so no regex in a suite file can block
 * the event loop; evalgate's own reviewed patterns may run on V8.
 */
export interface TextPattern {
  readonly source: string;
  readonly flags: string;
  /** Capture groups in the pattern. */
  readonly groupCount: number;
  firstMatch(text: string): PatternMatch | undefined;
  /** Every non-overlapping match, left to right. */
  allMatches(text: string): PatternMatch[];
}

/** Flags RE2 understands, and what they map to. "g" and "y" are dropped by the caller; "u" is RE2's default. */
const RE2_FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };
export const SUPPORTED_FLAGS = Object.keys(RE2_FLAGS).join("");

/** Throws RE2's syntax error (RE2JSSyntaxException) or a RangeError naming an unsupported flag. */
export function compileUserPattern(source: string, flags: string): TextPattern {
  let bits = 0;
  for (const flag of flags) {
    const bit = RE2_FLAGS[flag];
    if (bit === undefined) throw new RangeError(`unsupported flag "${flag}"`);
    bits |= bit;
  }
  const re = RE2JS.compile(jsEscapesToRe2(source), bits);
  const matchesFrom = (text: string, all: boolean): PatternMatch[] => {
    const matcher = re.matcher(text);
    const found: PatternMatch[] = [];
    while (matcher.find()) {
      const groups = Array.from({ length: matcher.groupCount() }, (_, i) => matcher.group(i + 1) ?? undefined);
      found.push({ index: matcher.start(), text: matcher.group(0) ?? "", groups });
      if (!all) break;
    }
    return found;
  };
  return {
    source,
    flags,
    groupCount: re.groupCount(),
    firstMatch: (text) => matchesFrom(text, false)[0],
    allMatches: (text) => matchesFrom(text, true),
  };
}

/** One of evalgate's own patterns, reviewed for linear-time matching, on V8 (it may use lookaround). */
export function builtInPattern(regex: RegExp): TextPattern {
  const flags = regex.flags.replace(/[gy]/g, "");
  const once = new RegExp(regex.source, flags);
  const everywhere = new RegExp(regex.source, `${flags}g`);
  const toMatch = (m: RegExpExecArray | RegExpMatchArray): PatternMatch => ({ index: m.index ?? 0, text: m[0], groups: m.slice(1) });
  return {
    source: regex.source,
    flags,
    groupCount: (new RegExp(`${regex.source}|`, flags).exec("")?.length ?? 1) - 1,
    firstMatch: (text) => {
      const m = once.exec(text);
      return m ? toMatch(m) : undefined;
    },
    allMatches: (text) => [...text.matchAll(everywhere)].map(toMatch),
  };
}

/** JavaScript's \uXXXX and \u{X…} escapes, written as RE2's \x{X…}; an escaped backslash before "u" stays as it is. */
function jsEscapesToRe2(source: string): string {
  return source.replace(/(?<!\\)((?:\\\\)*)\\u(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/g, (_, slashes: string, braced?: string, plain?: string) => `${slashes}\\x{${braced ?? plain}}`);
}
