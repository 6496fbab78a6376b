import type { Range } from "./span.js";

// The characters addresses use in practice; RFC 5322's rarer ones ("/", "=", "{") would pull in surrounding code.
const LOCAL = /[\p{L}\p{N}._%+-]/u;
const DOMAIN = /[\p{L}\p{N}-]/u;

/**
 * Email addresses, found by walking out from each "@" (linear: each walk
 * stops at the next "@" or at a character no address holds). The domain needs
 * a dot and a final label of two or more letters, so "user@localhost" and
 * "@handle" are left alone; internationalised names are accepted.
 */
export function findEmails(text: string): Range[] {
  const found: Range[] = [];
  let from = 0;
  for (let at = text.indexOf("@", from); at !== -1; at = text.indexOf("@", from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && LOCAL.test(text.charAt(start - 1))) start--;
    // A local part neither starts nor ends with a dot.
    while (start < at && text.charAt(start) === ".") start++;
    if (start === at || text.charAt(at - 1) === ".") continue;
    const end = domainEnd(text, at + 1);
    if (end === undefined) continue;
    found.push({ start, end });
    from = end;
  }
  return found;
}

/** End of a well-formed domain starting at `from`: labels of letters, digits and inner hyphens, the last one alphabetic. */
function domainEnd(text: string, from: number): number | undefined {
  let i = from;
  let labels = 0;
  let lastLabel = "";
  let end: number | undefined;
  while (i < text.length) {
    const labelStart = i;
    while (i < text.length && DOMAIN.test(text.charAt(i))) i++;
    const label = text.slice(labelStart, i);
    if (label === "" || label.startsWith("-") || label.endsWith("-")) break;
    labels++;
    lastLabel = label;
    if (labels >= 2 && /^\p{L}{2,}$/u.test(lastLabel)) end = i;
    if (text.charAt(i) !== "." || !DOMAIN.test(text.charAt(i + 1))) break;
    i++;
  }
  return end;
}
