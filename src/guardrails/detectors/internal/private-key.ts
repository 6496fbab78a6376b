import type { Range } from "./span.js";

const BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** A base64 line of a key body: no spaces, and long or marked as base64 ("Thanks" is prose). */
function isBodyLine(line: string): boolean {
  return /^[A-Za-z0-9+/]{4,}=*$/.test(line) && (line.length >= 40 || /[0-9+/=]/.test(line));
}

/** An encrypted key's header line ("Proc-Type: 4,ENCRYPTED"). */
const HEADER_LINE = /^[A-Za-z-]+: \S/;

/**
 * PEM and PGP private-key blocks, from the BEGIN line to the END line. A block
 * cut short (no END line before the next block) runs to the end of its base64
 * body, so a truncated key pasted into a prompt is still caught whole.
 */
export function findPrivateKeys(text: string): Range[] {
  const found: Range[] = [];
  for (const match of text.matchAll(BEGIN)) {
    const start = match.index;
    if (found.length > 0 && start < found[found.length - 1]!.end) continue;
    const bodyStart = start + match[0].length;
    const endLine = text.indexOf("-----END ", bodyStart);
    const nextBegin = text.indexOf("-----BEGIN ", bodyStart);
    const close = endLine === -1 || (nextBegin !== -1 && nextBegin < endLine) ? -1 : text.indexOf("-----", endLine + 9);
    if (close !== -1) {
      found.push({ start, end: close + 5 });
      continue;
    }
    let end = bodyStart;
    let bodyLines = 0;
    for (const line of text.slice(bodyStart, nextBegin === -1 ? undefined : nextBegin).split("\n")) {
      const trimmed = line.trim();
      if (isBodyLine(trimmed)) bodyLines++;
      else if (!(trimmed === "" && bodyLines === 0) && !HEADER_LINE.test(trimmed)) break;
      end += line.length + 1;
    }
    end = Math.min(end, text.length);
    while (end > bodyStart && /\s/.test(text.charAt(end - 1))) end--;
    found.push({ start, end });
  }
  return found;
}
