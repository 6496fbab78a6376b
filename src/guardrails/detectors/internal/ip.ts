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

const IPV6_CHAR = /[0-9A-Fa-f:.]/;

/**
 * IPv6 addresses, validated by node's parser. Candidates grow out from each
 * colon over hex digits, colons and dots (for an embedded IPv4 tail). Besides
 * parsing, a candidate needs three groups and a digit, so C++ scopes
 * ("std::map" has no hex digits, "a::b" too few groups) and clock times
 * (parse fails) are skipped; MAC addresses have six groups and never parse.
 */
export function findIPv6(text: string): Range[] {
  const found: Range[] = [];
  let from = 0;
  for (let colon = text.indexOf(":", from); colon !== -1; colon = text.indexOf(":", from)) {
    // Never back over the previous candidate: each character is read a bounded number of times.
    const floor = Math.max(from, colon - 45);
    let start = colon;
    while (start > floor && IPV6_CHAR.test(text.charAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && IPV6_CHAR.test(text.charAt(end)) && end - start < 45) end++;
    from = end;
    while (start < end && text.charAt(start) === ".") start++;
    while (end > start && (text.charAt(end - 1) === "." || (text.charAt(end - 1) === ":" && text.charAt(end - 2) !== ":"))) end--;
    if (isWordCharAt(text, start - 1) || isWordCharAt(text, end)) continue;
    const candidate = text.slice(start, end);
    if (!/\d/.test(candidate) || candidate.split(":").filter((group) => group !== "").length < 3) continue;
    if (!isIPv6(candidate)) continue;
    found.push({ start, end });
  }
  return found;
}
