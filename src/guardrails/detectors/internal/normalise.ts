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
  /** For each character of `text`: where its source starts in the original. */
  from: number[];
  /** For each character of `text`: where its source ends in the original. */
  to: number[];
  /** For each character of `text`: 1 when an obfuscation was undone to produce it. */
  disguised: Uint8Array;
}

export function normalise(original: string): Normalised {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const disguised: number[] = [];
  let pendingInvisible = false;
  let index = 0;
  for (const ch of original) {
    const start = index;
    index += ch.length;
    const code = ch.charCodeAt(0);
    if (code > 32 && code < 127) {
      // The common case, kept cheap: printable ASCII is only lower-cased.
      out.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch);
      from.push(start);
      to.push(index);
      disguised.push(pendingInvisible && out.length > 1 && /[a-z]/.test(out[out.length - 2]!) ? 1 : 0);
      pendingInvisible = false;
      continue;
    }
    if (INVISIBLE.test(ch)) {
      pendingInvisible = true;
      continue;
    }
    if (/\s/.test(ch)) {
      const last = out.length - 1;
      if (last >= 0 && (out[last] === " " || out[last] === "\n")) {
        if (ch === "\n") out[last] = "\n";
        to[last] = index;
        continue;
      }
      out.push(ch === "\n" ? "\n" : " ");
      from.push(start);
      to.push(index);
      disguised.push(0);
      pendingInvisible = false;
      continue;
    }
    const folded = fold(ch);
    const compat = ch.charCodeAt(0) > 127 && (ch.normalize("NFKC") !== ch || CONFUSABLES.has(ch.toLowerCase()));
    // One entry per UTF-16 unit, so that `from`/`to` line up with the joined text.
    for (let u = 0; u < folded.length; u++) {
      out.push(folded.charAt(u));
      from.push(start);
      to.push(index);
      // An invisible character inside a word is a disguise; one between words (or an emoji joiner) is not.
      disguised.push(compat || (pendingInvisible && out.length > 1 && /[a-z]/.test(out[out.length - 2]!)) ? 1 : 0);
    }
    pendingInvisible = false;
  }
  readLeetspeak(out, disguised);
  return joinSpacedLetters({ text: out.join(""), from, to, disguised: Uint8Array.from(disguised) });
}

const MARKS = /\p{M}/gu;
const ASCII = /^[\x20-\x7e]$/;

function fold(ch: string): string {
  if (ASCII.test(ch)) return ch.toLowerCase();
  const lower = ch.toLowerCase();
  const confusable = CONFUSABLES.get(lower);
  if (confusable) return confusable;
  const stripped = lower.normalize("NFKD").replace(MARKS, "");
  // A lone combining mark folds to nothing.
  return [...stripped].map((c) => CONFUSABLES.get(c) ?? c).join("");
}

/** In words that mix letters with leet digits or symbols ("1gn0r3"), reads the digits as letters; plain numbers stay numbers. */
function readLeetspeak(out: string[], disguised: number[]): void {
  let i = 0;
  while (i < out.length) {
    if (!isWordish(out[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    let leet = 0;
    while (j < out.length && isWordish(out[j]!)) {
      if (/[a-z]/.test(out[j]!)) letters++;
      else if (LEET.has(out[j]!)) leet++;
      j++;
    }
    if (letters >= 1 && leet >= 1 && letters + leet === j - i && j - i >= 3) {
      for (let k = i; k < j; k++) {
        const letter = LEET.get(out[k]!);
        if (letter) {
          out[k] = letter;
          disguised[k] = 1;
        }
      }
    }
    i = j;
  }
}

function isWordish(c: string): boolean {
  return /[a-z0-9@$]/.test(c);
}

const SPACED_LETTERS = /(?<![a-z])[a-z](?:[ ._*-][a-z](?![a-z])){3,}/g;

/** Joins four or more single letters separated by one space, dot, dash, underscore or asterisk: "i g n o r e" → "ignore". */
function joinSpacedLetters(n: Normalised): Normalised {
  const matches = [...n.text.matchAll(SPACED_LETTERS)];
  if (matches.length === 0) return n;
  const keep: number[] = [];
  const drop = new Uint8Array(n.text.length);
  for (const m of matches) for (let k = m.index + 1; k < m.index + m[0].length; k += 2) drop[k] = 1;
  const marked = new Uint8Array(n.text.length);
  for (let k = 0; k < n.text.length; k++) {
    if (drop[k]) {
      marked[k + 1] = 1;
      continue;
    }
    keep.push(k);
  }
  return {
    text: keep.map((k) => n.text.charAt(k)).join(""),
    from: keep.map((k) => n.from[k]!),
    to: keep.map((k) => n.to[k]!),
    disguised: Uint8Array.from(keep, (k) => n.disguised[k]! | marked[k]!),
  };
}
