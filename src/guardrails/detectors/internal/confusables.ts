/**
 * Letters from other scripts that render like Latin ones, folded to the Latin
 * letter before matching (a subset of Unicode's confusables.txt covering the
 * Cyrillic and Greek lookalikes used to dodge filters: "іgnоrе" with a
 * Cyrillic і, о and е). Lower-case only: text is lower-cased first.
 */
export const CONFUSABLES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Cyrillic
    а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", ѕ: "s", і: "i", ї: "i", ј: "j",
    ԁ: "d", һ: "h", ԛ: "q", ԝ: "w", ӏ: "l", ɡ: "g", ʏ: "y",
    // Greek
    α: "a", β: "b", γ: "y", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w", ς: "c",
    // Punctuation lookalikes that break phrases ("don’t", "‐")
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
  }),
);

/** Digits and symbols read as letters in leetspeak ("1gn0r3 4ll pr3v10u5"). */
export const LEET: ReadonlyMap<string, string> = new Map(Object.entries({ "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", $: "s" }));

/** Invisible characters inserted to split words ("ig\u200Bnore"): zero-width spaces and joiners, direction marks, soft hyphens. */
export const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u;
