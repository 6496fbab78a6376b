/** Character tests by UTF-16 code unit, so scanners walk a string once without building substrings. */

export function isDigitAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c >= 48 && c <= 57;
}

export function isAsciiLetterAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index) | 0x20;
  return c >= 97 && c <= 122;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit in any script: what a token boundary must not cut through. */
export function isWordCharAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  if (Number.isNaN(c)) return false;
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);
  return WORD_CHAR.test(text.charAt(index));
}

/** Punctuation that glues two alphanumeric runs into one token (SKU-4821-7730, 2024-01-15T10:30, 1,234.50). */
const JOINERS = new Set(["-", ".", "/", ":", ",", "_", "'", "+"]);

/**
 * True when the text just before `start` continues a larger token: a letter or
 * digit, or a joiner preceded by one ("SKU-" before "4821").
 */
export function continuesBefore(text: string, start: number): boolean {
  if (isWordCharAt(text, start - 1)) return true;
  return JOINERS.has(text.charAt(start - 1)) && isWordCharAt(text, start - 2);
}

/** True when the text from `end` on continues a larger token ("-XYZ" after "4821", ":30" after "10"). */
export function continuesAfter(text: string, end: number): boolean {
  if (isWordCharAt(text, end)) return true;
  return JOINERS.has(text.charAt(end)) && isWordCharAt(text, end + 1);
}

/** Digits of `text` between `start` and `end`, separators dropped. */
export function digitsIn(text: string, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) if (isDigitAt(text, i)) out += text.charAt(i);
  return out;
}
