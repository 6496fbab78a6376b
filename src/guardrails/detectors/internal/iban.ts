import { isWordCharAt } from "./chars.js";
import type { Range } from "./span.js";

/** IBAN lengths by country (SWIFT IBAN Registry, release 99, 2024). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27,
  GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 13616 / ISO 7064 MOD 97-10: letters become 10–35, the first four characters move to the end, the remainder must be 1. */
export function ibanChecksumValid(iban: string): boolean {
  const upper = iban.toUpperCase();
  const moved = upper.slice(4) + upper.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

const START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}/gu;

/**
 * IBANs, unspaced or in the printed form with single spaces ("DE89 3704 0044
 * 0532 0130 00"), in either case. The country code fixes the length, so a
 * spaced IBAN is read for exactly that many characters and what follows it
 * is never swallowed; then the checksum decides.
 */
export function findIbans(text: string): Range[] {
  const found: Range[] = [];
  for (const match of text.matchAll(START)) {
    if (found.length > 0 && match.index < found[found.length - 1]!.end) continue;
    const length = IBAN_LENGTHS[match[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    let i = match.index;
    let compact = "";
    while (i < text.length && compact.length < length) {
      const ch = text.charAt(i);
      if (/[A-Za-z0-9]/.test(ch)) {
        compact += ch;
        i++;
      } else if (ch === " " && compact.length >= 4 && /[A-Za-z0-9]/.test(text.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    if (compact.length !== length || isWordCharAt(text, i) || !ibanChecksumValid(compact)) continue;
    found.push({ start: match.index, end: i });
  }
  return found;
}
