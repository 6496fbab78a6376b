import type { GuardSpan } from "../types.js";
import { findCards } from "./internal/card.js";
import { findEmails } from "./internal/email.js";
import { findIbans } from "./internal/iban.js";
import { findIPv4, findIPv6 } from "./internal/ip.js";
import { findPhones } from "./internal/phone.js";
import type { Range } from "./internal/span.js";
import { findSsns } from "./internal/ssn.js";
import { findStreetAddresses } from "./internal/street-address.js";
import { findUrls } from "./internal/url-scan.js";

export const PII_ENTITIES = ["EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "URL", "STREET_ADDRESS"] as const;
export type PiiEntity = (typeof PII_ENTITIES)[number];

/**
 * Scanners in priority order: where two entities claim the same characters the
 * earlier one wins, so an IP inside a URL is part of the URL, a card number is
 * not also a phone number and a valid SSN is not a phone either.
 */
const SCANNERS: readonly [PiiEntity, (text: string) => Range[]][] = [
  ["URL", findUrls],
  ["EMAIL", findEmails],
  ["IBAN", findIbans],
  ["CREDIT_CARD", findCards],
  ["US_SSN", findSsns],
  ["IP_ADDRESS", (text) => [...findIPv6(text), ...findIPv4(text)]],
  // Before phones: in "17031 2202 Rissik St" the digits are a postcode and a house number.
  ["STREET_ADDRESS", findStreetAddresses],
  ["PHONE", findPhones],
];

/**
 * Personal data in `text`, as character spans labelled with the entity type,
 * in text order. Every scanner runs whatever `entities` asks for, so that
 * turning one entity off never makes another claim its characters (with
 * CREDIT_CARD off, a card number is still not reported as a PHONE).
 */
export function findPii(text: string, options: { entities?: readonly PiiEntity[] } = {}): GuardSpan[] {
  const wanted = new Set<PiiEntity>(options.entities ?? PII_ENTITIES);
  const claimed: GuardSpan[] = [];
  const taken = new Uint8Array(text.length);
  for (const [label, scan] of SCANNERS) {
    for (const range of scan(text)) {
      if (taken.subarray(range.start, range.end).includes(1)) continue;
      taken.fill(1, range.start, range.end);
      claimed.push({ start: range.start, end: range.end, label });
    }
  }
  return claimed.filter((span) => wanted.has(span.label as PiiEntity)).sort((a, b) => a.start - b.start || a.end - b.end);
}
