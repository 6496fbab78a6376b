import { hasWordBefore } from "./context.js";
import { continuesAfter, continuesBefore } from "./chars.js";
import { findDigitRuns } from "./digit-groups.js";
import type { Range } from "./span.js";

/** Luhn (ISO/IEC 7812-1 annex B) check digit test. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes and the lengths their numbers have: Visa, Mastercard
 * (51–55, 2221–2720), Amex, Diners, Discover, JCB (incl. the 15-digit
 * 1800/2131 ranges), UnionPay, Maestro and UATP. A Luhn-valid number outside
 * them (a 1-in-10 chance for any digit string) is not taken for a card.
 * JCB is taken as all of 35xx rather than its assigned 3528–3589: test and
 * generated numbers use the whole block, and no other issuer shares it.
 */
function issuerAccepts(digits: string): boolean {
  const n = digits.length;
  const d = (i: number) => digits.charCodeAt(i) - 48;
  const p2 = d(0) * 10 + d(1);
  const p3 = p2 * 10 + d(2);
  const p4 = p3 * 10 + d(3);
  if (p2 >= 40 && p2 <= 49) return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19;
  if (p4 === 1800 || p4 === 2131) return n === 15;
  if (p2 === 35) return n >= 16 && n <= 19;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || p2 === 62) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  if (p2 >= 10 && p2 <= 19) return n === 15;
  return false;
}

/** Words that announce a card number; the shortest (12-digit Maestro) numbers need one. */
const CARD_WORDS = new Set(["card", "cards", "cc", "credit", "debit", "visa", "mastercard", "maestro", "amex", "pan", "payment", "pay", "charge", "billing", "karte", "carte", "tarjeta", "carta", "kaart"]);

/** True when `digits` is a plausible payment card number: issuer prefix and length, and the Luhn check digit. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 12 && digits.length <= 19 && issuerAccepts(digits) && luhnValid(digits);
}

/**
 * Payment card numbers of 12–19 digits, unbroken or grouped by spaces or
 * dashes (one kind per number). Within a longer run ("4111 1111 1111 1111
 * 12 25" with an expiry date after it) the longest valid stretch of whole
 * groups is taken.
 */
export function findCards(text: string): Range[] {
  const found: Range[] = [];
  for (const run of findDigitRuns(text, " -", false)) {
    const { groups } = run;
    for (let a = 0; a < groups.length; a++) {
      // Every issuer's numbers start with 1–6, a card is a token of its own, and no one writes one in single digits.
      const lead = groups[a]!.digits.charCodeAt(0);
      if (lead < 49 || lead > 54 || groups[a]!.digits.length < 2 || continuesBefore(text, groups[a]!.start)) continue;
      let best: number | undefined;
      let digits = "";
      for (let b = a; b < groups.length && groups[b]!.digits.length >= 2; b++) {
        digits += groups[b]!.digits;
        if (digits.length > 19) break;
        if (b > a && run.separators[b - 1] !== run.separators[a]) break;
        if (digits.length < 12 || continuesAfter(text, groups[b]!.end) || !isCardNumber(digits)) continue;
        if (digits.length === 12 && !hasWordBefore(text, groups[a]!.start, CARD_WORDS)) continue;
        best = b;
      }
      if (best === undefined) continue;
      found.push({ start: groups[a]!.start, end: groups[best]!.end });
      a = best;
    }
  }
  return found;
}
