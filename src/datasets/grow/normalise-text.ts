import { canonicalJson } from "../../config/index.js";

/**
 * The text two near-identical queries share: Unicode NFKC (full-width and
 * ligature forms fold to plain ones), lowercase, every punctuation mark
 * (Unicode class P) turned into a space, runs of whitespace collapsed, ends
 * trimmed. Symbols such as "$" and "€" are kept: "$6" and "6" ask different
 * things. Word order and spelling are kept too, so this catches copies that
 * differ in case, spacing and punctuation, never paraphrases.
 */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\p{P}+/gu, " ").replace(/\s+/gu, " ").trim();
}

/**
 * A case input as a dedupe key: a string by its normalised text; a
 * conversation or structured request as canonical JSON (keys sorted) with
 * every string in it normalised, so key order and spacing never make two
 * equal inputs look different.
 */
export function inputKey(input: unknown): string {
  if (typeof input === "string") return normaliseText(input);
  return canonicalJson(normaliseStrings(input));
}

function normaliseStrings(value: unknown): unknown {
  if (typeof value === "string") return normaliseText(value);
  if (Array.isArray(value)) return value.map(normaliseStrings);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseStrings(v)]));
  return value;
}
