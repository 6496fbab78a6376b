import { isIPv6 } from "node:net";
import { isDigitAt, isWordCharAt } from "./chars.js";
import { hasWordBefore } from "./context.js";
import type { Range } from "./span.js";

/**
 * Words that make a dotted quad a version or a section number rather than an
 * address: "version 1.2.3.4", "section 2.1.4.3". ("v1.2.3.4" never gets this
 * far: the "v" glues to the token.)
 */
const NOT_AN_ADDRESS = new Set(["version", "versions", "ver", "release", "build", "section", "chapter", "clause", "paragraph", "figure", "table", "step", "rule", "article", "oid", "§"]);

/**
 * IPv4 addresses: four decimal octets of 0–255 without leading zeros, not part
 * of a longer dotted run (1.2.3.4.5 is an OID or a version, not an address).
 * A valid dotted quad counts as an address unless the word before says it is
 * a version or a section number; a port or CIDR suffix (":8080", "/24") stays
 * outside the span.
 */
export function findIPv4(text: string): Range[] {
  const found: Range[] = [];
  for (let start = 0; start < text.length; start++) {
    if (!isDigitAt(text, start) || isDigitAt(text, start - 1)) continue;
    if (isWordCharAt(text, start - 1) || (text.charAt(start - 1) === "." && isDigitAt(text, start - 2))) continue;
    const end = dottedQuadEnd(text, start);
    if (end === undefined) continue;
    if (isWordCharAt(text, end) || (text.charAt(end) === "." && isDigitAt(text, end + 1))) continue;
    if (hasWordBefore(text, start, NOT_AN_ADDRESS, 12)) continue;
    found.push({ start, end });
    start = end;
  }
  return found;
}

function dottedQuadEnd(text: string, from: number): number | undefined {
  let i = from;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (text.charAt(i) !== ".") return undefined;
      i++;
    }
    const octetStart = i;
    while (i < text.length && isDigitAt(text, i) && i - octetStart < 4) i++;
    const digits = text.slice(octetStart, i);
    if (digits === "" || digits.length > 3 || Number(digits) > 255 || (digits.length > 1 && digits.startsWith("0"))) return undefined;
  }
  return i;
}

const IPV6_CANDIDATE = /(?<![\p{L}\p{N}:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}(?![\p{L}\p{N}:])/gu;

/**
 * IPv6 addresses, validated by node's parser. Besides parsing, a candidate
 * needs three groups and a digit, so C++ scopes ("std::map" has no hex
 * digits, "a::b" too few groups) and clock times (parse fails) are skipped;
 * MAC addresses have six groups and never parse.
 */
export function findIPv6(text: string): Range[] {
  const found: Range[] = [];
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    const candidate = match[0].replace(/\.$/, "");
    if (!candidate.includes(":") || !/\d/.test(candidate)) continue;
    if (candidate.split(":").filter((group) => group !== "").length < 3) continue;
    if (!isIPv6(candidate)) continue;
    found.push({ start: match.index, end: match.index + candidate.length });
  }
  return found;
}
