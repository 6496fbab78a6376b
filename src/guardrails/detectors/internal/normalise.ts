import { CONFUSABLES, INVISIBLE, LEET } from "./confusables.js";

/**
 * Text prepared for phrase matching, with a map back to the original: lower
 * case, accents and compatibility forms folded (NFKD: full-width "ｉｇｎｏｒｅ",
 * mathematical "𝐢𝐠𝐧𝐨𝐫𝐞"), lookalike letters folded, invisible characters
 * dropped, whitespace runs collapsed (a run with a line break becomes "\n",
 * others " "), leetspeak read inside words that mix letters and digits, and
 * letters spaced out to dodge filters ("i g n o r e") joined.
 */
export interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`: where its source starts in the original. */
  from: Int32Array;
  /** For each UTF-16 unit of `text`: where its source ends in the original. */
  to: Int32Array;
  /** For each UTF-16 unit of `text`: 1 when an obfuscation was undone to produce it. */
  disguised: Uint8Array;
}

/** Leetspeak digits and symbols by char code (0 = not one). */
const LEET_CODES = new Uint8Array(128);
for (const [symbol, letter] of LEET) LEET_CODES[symbol.charCodeAt(0)] = letter.charCodeAt(0);

const isLower = (c: number) => c >= 97 && c <= 122;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

export function normalise(original: string): Normalised {
  // Written over char codes and growable arrays: this runs on every guarded text, so it stays allocation-light.
  const codes: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const disguised: number[] = [];
  let pendingInvisible = false;
  const emit = (code: number, start: number, end: number, flag: boolean) => {
    const previous = codes.length > 0 ? codes[codes.length - 1]! : 0;
    codes.push(code);
    from.push(start);
    to.push(end);
    // An invisible character inside a word is a disguise; one between words (or an emoji joiner) is not.
    disguised.push(flag || (pendingInvisible && isLower(previous)) ? 1 : 0);
    pendingInvisible = false;
  };
  let i = 0;
  while (i < original.length) {
    const start = i;
    const code = original.charCodeAt(i);
    if (code < 128) {
      i++;
      if (isSpace(code)) {
        const last = codes.length - 1;
        if (last >= 0 && (codes[last] === 32 || codes[last] === 10)) {
          if (code === 10) codes[last] = 10;
          to[last] = i;
        } else {
          emit(code === 10 ? 10 : 32, start, i, false);
        }
        pendingInvisible = false;
        continue;
      }
      emit(code >= 65 && code <= 90 ? code + 32 : code, start, i, false);
      continue;
    }
    const ch = String.fromCodePoint(original.codePointAt(i)!);
    i += ch.length;
    if (INVISIBLE.test(ch)) {
      pendingInvisible = true;
      continue;
    }
    if (/\s/.test(ch)) {
      const last = codes.length - 1;
      if (last >= 0 && (codes[last] === 32 || codes[last] === 10)) to[last] = i;
      else emit(32, start, i, false);
      continue;
    }
    const folded = fold(ch);
    // A letter written in another script or form is a disguise; typographic quotes and dashes are not.
    const compat = /[a-z]/.test(folded) && (ch.normalize("NFKC") !== ch || CONFUSABLES.has(ch.toLowerCase()));
    // One entry per UTF-16 unit, so that `from`/`to` line up with the text.
    for (let u = 0; u < folded.length; u++) emit(folded.charCodeAt(u), start, i, compat);
  }
  readLeetspeak(codes, disguised);
  let text = "";
  for (let k = 0; k < codes.length; k += 8192) text += String.fromCharCode(...codes.slice(k, k + 8192));
  return joinSpacedLetters({ text, from: Int32Array.from(from), to: Int32Array.from(to), disguised: Uint8Array.from(disguised) });
}

const MARKS = /\p{M}/gu;

function fold(ch: string): string {
  const lower = ch.toLowerCase();
  const confusable = CONFUSABLES.get(lower);
  if (confusable) return confusable;
  // A lone combining mark folds to nothing.
  const stripped = lower.normalize("NFKD").replace(MARKS, "");
  let out = "";
  for (const c of stripped) out += CONFUSABLES.get(c) ?? c;
  return out;
}

/** In words that mix letters with leet digits or symbols ("1gn0r3"), reads the digits as letters; plain numbers stay numbers. */
function readLeetspeak(codes: number[], disguised: number[]): void {
  let i = 0;
  while (i < codes.length) {
    if (!isWordish(codes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    let leet = 0;
    while (j < codes.length && isWordish(codes[j]!)) {
      if (isLower(codes[j]!)) letters++;
      else if (LEET_CODES[codes[j]!]) leet++;
      j++;
    }
    if (letters >= 1 && leet >= 1 && letters + leet === j - i && j - i >= 3) {
      for (let k = i; k < j; k++) {
        const letter = LEET_CODES[codes[k]!];
        if (letter) {
          codes[k] = letter;
          disguised[k] = 1;
        }
      }
    }
    i = j;
  }
}

/** Letters, digits and the two leet symbols "@" and "$". */
function isWordish(c: number): boolean {
  return isLower(c) || (c >= 48 && c <= 57) || c === 64 || c === 36;
}

const SPACED_LETTERS = /(?<![a-z])[a-z](?:[ ._*-][a-z](?![a-z])){3,}/g;

/** Joins four or more single letters separated by one space, dot, dash, underscore or asterisk: "i g n o r e" → "ignore". */
function joinSpacedLetters(n: Normalised): Normalised {
  const matches = [...n.text.matchAll(SPACED_LETTERS)];
  if (matches.length === 0) return n;
  const drop = new Uint8Array(n.text.length);
  for (const m of matches) for (let k = m.index + 1; k < m.index + m[0].length; k += 2) drop[k] = 1;
  const keep: number[] = [];
  for (let k = 0; k < n.text.length; k++) if (!drop[k]) keep.push(k);
  return {
    text: keep.map((k) => n.text.charAt(k)).join(""),
    from: Int32Array.from(keep, (k) => n.from[k]!),
    to: Int32Array.from(keep, (k) => n.to[k]!),
    disguised: Uint8Array.from(keep, (k) => n.disguised[k]! | (k > 0 && drop[k - 1] ? 1 : 0)),
  };
}
