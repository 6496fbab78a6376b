import { errorMessage } from "../../errors.js";
import { configProblem } from "./config-problem.js";
import { compileUserPattern, SUPPORTED_FLAGS, type TextPattern } from "./text-pattern.js";

export interface CompileRegexOptions {
  /** The config field a bad pattern is located on; default "pattern". */
  field?: string;
  /** The check's id, named in messages. */
  check?: string;
  /** Or the guard's id, for a guardrail's pattern: messages then speak of guards. */
  guard?: string;
}

/**
 * Compiles a user's regex from a check or guard config for RE2 (linear time:
 * no pattern can hang a run), locating a bad `flags` or `pattern` on its own
 * field. "g" and "y" are dropped: they make matching depend on state left by
 * the previous trial.
 */
export function compileRegex(pattern: string, flags: string, options: CompileRegexOptions = {}): TextPattern {
  const field = options.field ?? "pattern";
  const statelessFlags = flags.replace(/[gy]/g, "");
  if (!new RegExp(`^(?!.*(.).*\\1)[${SUPPORTED_FLAGS}]*$`).test(statelessFlags)) {
    throw configProblem("flags", `Invalid regex flags ${JSON.stringify(flags)}: expected letters from "${SUPPORTED_FLAGS}" (each at most once).`);
  }
  try {
    return compileUserPattern(pattern, statelessFlags);
  } catch (error) {
    throw configProblem(field, regexProblem(pattern, errorMessage(error), options));
  }
}

const UNSUPPORTED: { test: RegExp; what: string; instead: string; insteadForGuards: string }[] = [
  {
    test: /\(\?<[=!]/,
    what: "a lookbehind",
    instead: "match the preceding text too, or add a second regex check with mode: must-not-match",
    insteadForGuards: "match the preceding text too, or move the excluded text to an `allow` pattern",
  },
  {
    test: /\(\?[=!]/,
    what: "a lookahead",
    instead: "add a second regex check with mode: must-not-match instead of a negative lookahead, or match the following text too",
    insteadForGuards: "match the following text too, or move the excluded text to an `allow` pattern",
  },
  { test: /\\[1-9]|\\k</, what: "a backreference", instead: "spell out the repeated text, or use a custom check", insteadForGuards: "spell out the repeated text, or use a custom guard" },
];

/** What RE2 could not compile, said so that the user can fix it. */
function regexProblem(pattern: string, reason: string, options: CompileRegexOptions): string {
  const owner = options.guard !== undefined ? `Guard "${options.guard}"` : options.check !== undefined ? `Check "${options.check}"` : undefined;
  const lead = (text: string) => (owner ? `${owner}: ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`);
  const unsupported = UNSUPPORTED.find((u) => u.test.test(pattern));
  if (unsupported) {
    const [instead, custom] = options.guard !== undefined ? [unsupported.insteadForGuards, "custom guard"] : [unsupported.instead, "custom check"];
    return lead(`the pattern ${JSON.stringify(pattern)} uses ${unsupported.what}, which evalgate's regex engine does not support. Patterns run on RE2, in time linear in the text so that no pattern can hang a run, and RE2 has no lookahead, lookbehind or backreferences. Instead: ${instead}; or write a ${custom}.`);
  }
  return lead(
    `invalid regular expression ${JSON.stringify(pattern)}: ${reason.replace(/^error parsing regexp: /, "")}. Write RE2 syntax (JavaScript's, less lookaround and backreferences) without surrounding slashes; in YAML, single-quote patterns containing backslashes.`,
  );
}
