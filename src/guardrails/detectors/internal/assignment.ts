import type { Range } from "./span.js";

const KEY_WORD = /api[_-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd|access[_-]?key|credentials?/gi;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** What may follow the key word in a credential's name ("api_key_prod", "SECRET_KEY", "token2"); "maxTokensField" or "token_count" name something else. */
const NAME_SUFFIX = /^(?:[_.-]?(?:key|secret|token|value|str|string|prod|production|dev|staging|live|test))*[_.-]?\d*$/i;
/** The key word starts the name or one of its parts ("api_key", "ACCESS_TOKEN", "clientSecret"), not the middle of a word ("detokenize"). */
function startsNamePart(text: string, at: number): boolean {
  const previous = text.charAt(at - 1);
  if (!/[A-Za-z0-9]/.test(previous)) return true;
  return /[a-z0-9]/.test(previous) && /[A-Z]/.test(text.charAt(at));
}
/** Values that stand for a secret without being one. */
const PLACEHOLDER =
  /^(?:<.*>|\$\{.*\}|\$\(.*\)|\{\{.*\}\}|%.*%|\$[A-Z_][A-Z0-9_]*|\*+|x{4,}|\.{3,}|(?:your|my|the|some|example|sample|dummy|fake|test)[_-]?.*|.*(?:placeholder|redacted|changeme|example|here).*|null|none|undefined|true|false|required|optional|string|secret|password|token)$/i;
const DOTTED_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$/;

export interface Assignment extends Range {
  /** "password" when the name says so, else "secret-assignment". */
  kind: "password" | "secret-assignment";
}

/**
 * Values assigned to a credential-named key, in code, config or prose:
 * `api_key = "…"`, `"client_secret": "…"`, `PASSWORD=…`, `token: …`. The span
 * is the value only. A quoted value of 6+ characters counts; an unquoted one
 * needs 8+, starting with a letter or digit and holding both, so "Password: must be at
 * least 8 characters" and "token: expired" are left alone, as are
 * placeholders (`<your-key>`, `${API_KEY}`, `process.env.TOKEN`, `****`).
 */
export function findAssignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  for (const match of text.matchAll(KEY_WORD)) {
    if (!startsNamePart(text, match.index)) continue;
    let i = match.index + match[0].length;
    // The rest of the name ("api_key_prod", "SECRET_ACCESS_KEY"), at most 40 characters.
    const nameEnd = Math.min(text.length, i + 40);
    const nameStart = i;
    while (i < nameEnd && NAME_CHAR.test(text.charAt(i))) i++;
    if (!NAME_SUFFIX.test(text.slice(nameStart, i))) continue;
    if (text.charAt(i) === '"' || text.charAt(i) === "'") i++;
    while (text.charAt(i) === " " || text.charAt(i) === "\t") i++;
    const operator = /^(?::=|=>|[:=])/.exec(text.slice(i, i + 2));
    if (!operator) continue;
    i += operator[0].length;
    while (text.charAt(i) === " " || text.charAt(i) === "\t") i++;
    const quote = /["'`]/.test(text.charAt(i)) ? text.charAt(i) : "";
    if (quote) i++;
    const start = i;
    while (i < text.length && i - start < 512 && !/[\s"'`,;]/.test(text.charAt(i))) i++;
    if (quote && text.charAt(i) !== quote) continue;
    const value = text.slice(start, i);
    if (!acceptable(value, quote !== "")) continue;
    const kind = /pass|pwd/i.test(match[0]) ? "password" : "secret-assignment";
    found.push({ start, end: i, kind });
  }
  return found;
}

/** Names, not values: an environment variable ("DATABRICKS_TOKEN") or a kebab/snake-case constant ("auth-headers"). */
const CONSTANT_NAME = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z]+(?:[-_][a-z]+)+)$/;

function acceptable(value: string, quoted: boolean): boolean {
  if (PLACEHOLDER.test(value) || DOTTED_IDENTIFIER.test(value) || CONSTANT_NAME.test(value) || /[()[\]{}]/.test(value)) return false;
  if (/^(.)\1+$/.test(value)) return false;
  if (quoted) return value.length >= 6;
  return value.length >= 8 && /^[A-Za-z0-9]/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value);
}
