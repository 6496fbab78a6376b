import { errorMessage } from "../../errors.js";
import { configProblem } from "./config-problem.js";

/**
 * Compiles a regex from a check config, locating a bad `flags` or `pattern`
 * on its own field. "g" and "y" are dropped: they make matching depend on
 * state left by the previous trial.
 */
export function compileRegex(pattern: string, flags: string, field = "pattern"): RegExp {
  const statelessFlags = flags.replace(/[gy]/g, "");
  try {
    new RegExp("", statelessFlags);
  } catch {
    throw configProblem("flags", `Invalid regex flags ${JSON.stringify(flags)}: expected letters from "dimsuv" (each at most once).`);
  }
  try {
    return new RegExp(pattern, statelessFlags);
  } catch (error) {
    throw configProblem(
      field,
      `Invalid regular expression ${JSON.stringify(pattern)}: ${withoutEngineEcho(errorMessage(error))}. Write JavaScript regex syntax without surrounding slashes; in YAML, single-quote patterns containing backslashes.`,
    );
  }
}

/** V8 repeats the pattern ("Invalid regular expression: /(a/: Unterminated group"); keep only the diagnosis. */
function withoutEngineEcho(message: string): string {
  return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
}
