import { errorMessage } from "../../errors.js";
import { configProblem } from "./config-problem.js";
import { compileUserPattern, SUPPORTED_FLAGS, type TextPattern } from "./text-pattern.js";

/**
 * Compiles a user's regex from a check config for RE2 (linear time: no
 * pattern can hang a run), locating a bad `flags` or `pattern` on its own
 * field. "g" and "y" are dropped: they make matching depend on state left by
 * the previous trial. `check` names the check in messages (its id).
 */
export function compileRegex(pattern: string, flags: string, options: { field?: string; check?: string } = {}): TextPattern {
  const field = options.field ?? "pattern";
  const statelessFlags = flags.replace(/[gy]/g, "");
  if (!new RegExp(`^(?!.*(.).*\\1)[${SUPPORTED_FLAGS}]*$`).test(statelessFlags)) {
    throw configProblem("flags", `Invalid regex flags ${JSON.stringify(flags)}: expected letters from "${SUPPORTED_FLAGS}" (each at most once).`);
  }
  try {
    return compileUserPattern(pattern, statelessFlags);
  } catch (error) {
    throw configProblem(field, regexProblem(pattern, errorMessage(error), options.check));
  }
}

const UNSUPPORTED: { test: RegExp; what: string; instead: string }[] = [
  { test: /\(\?<[=!]/, what: "a lookbehind", instead: "match the preceding text too, or add a second regex check with mode: must-not-match" },
  { test: /\(\?[=!]/, what: "a lookahead", instead: "add a second regex check with mode: must-not-match instead of a negative lookahead, or match the following text too" },
  { test: /\\[1-9]|\\k</, what: "a backreference", instead: "spell out the repeated text, or use a custom check" },
];

/** What RE2 could not compile, said so that the user can fix it. */
function regexProblem(pattern: string, reason: string, check: string | undefined): string {
  const lead = (text: string) => (check ? `Check "${check}": ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`);
  const unsupported = UNSUPPORTED.find((u) => u.test.test(pattern));
  if (unsupported) {
    return lead(`the pattern ${JSON.stringify(pattern)} uses ${unsupported.what}, which evalgate's regex engine does not support. Patterns run on RE2, in time linear in the text so that no pattern can hang a run, and RE2 has no lookahead, lookbehind or backreferences. Instead: ${unsupported.instead}; or write a custom check.`);
  }
  return lead(
    `invalid regular expression ${JSON.stringify(pattern)}: ${reason.replace(/^error parsing regexp: /, "")}. Write RE2 syntax (JavaScript's, less lookaround and backreferences) without surrounding slashes; in YAML, single-quote patterns containing backslashes.`,
  );
}
