import type { CheckConfigOf } from "../config/index.js";
import { compileRegex } from "./internal/compile-regex.js";
import type { TextPattern } from "./internal/text-pattern.js";
import { excerpt, excerptAround } from "./internal/excerpt.js";
import { readOutputText } from "./internal/read-output.js";
import { fail, pass } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

export type RegexMode = CheckConfigOf<"regex">["mode"];

/** must-match passes when the regex matches somewhere in the text; must-not-match when it matches nowhere. */
export function scoreRegex(text: string, pattern: TextPattern, mode: RegexMode): CheckVerdict {
  const match = pattern.firstMatch(text);
  const shown = `/${pattern.source}/${pattern.flags}`;
  if (mode === "must-match") {
    return match ? pass(`matches ${shown}: ${excerptAround(text, match.index, match.text.length)}`) : fail(`no match for ${shown} in ${excerpt(text)}`);
  }
  return match
    ? fail(`matches forbidden ${shown}: ${excerptAround(text, match.index, match.text.length)}`)
    : pass(`no match for ${shown}`);
}

/** Throws ConfigError (at `pattern` or `flags`) when the regex does not compile. */
export function regexCheck(config: CheckConfigOf<"regex">, id: string): CheckRun {
  const regex = compileRegex(config.pattern, config.flags, { check: id });
  return (input) => {
    const text = readOutputText(input.output, config.field);
    return text.ok ? scoreRegex(text.value, regex, config.mode) : text.verdict;
  };
}
