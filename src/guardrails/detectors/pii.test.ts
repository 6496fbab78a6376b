import { describe, expect, it } from "vitest";
import { findPii, PII_ENTITIES, type PiiEntity } from "./pii.js";

/** The labelled substrings findPii returns for `text`. */
function found(text: string, entities?: readonly PiiEntity[]): [string, string][] {
  return findPii(text, entities ? { entities } : {}).map((s) => [s.label, text.slice(s.start, s.end)]);
}

// Each positive names the exact substring that must come back with its label.
// Card numbers are Luhn-valid test numbers published by the card networks;
// IBANs are the ISO 13616 / SWIFT registry examples; SSNs follow the SSA rules.
const POSITIVES: [PiiEntity, string, string][] = [
  ["EMAIL", "write to jane.doe+billing@example.co.uk today", "jane.doe+billing@example.co.uk"],
  ["EMAIL", "Contact: <ops-team@mail.example.org>.", "ops-team@mail.example.org"],
  ["EMAIL", "E-Mail: jürgen.müller@beispiel.de", "jürgen.müller@beispiel.de"],
  ["PHONE", "Call +44 20 7946 0958 before noon", "+44 20 7946 0958"],
  ["PHONE", "our line is (555) 123-4567.", "(555) 123-4567"],
  ["PHONE", "reach me at 555.123.4567", "555.123.4567"],
  ["PHONE", "Berlin office: +49 30 901820", "+49 30 901820"],
  ["PHONE", "from abroad dial 0044 20 7946 0958", "0044 20 7946 0958"],
  ["PHONE", "desk 1-800-555-0199 ext. 42 (24/7)", "1-800-555-0199 ext. 42"],
  ["PHONE", "tel. 555-123-4567x89", "555-123-4567x89"],
  ["PHONE", "Mobil: +33 6 12 34 56 78", "+33 6 12 34 56 78"],
  ["PHONE", "Téléphone : 01 23 45 67 89", "01 23 45 67 89"],
  ["PHONE", "ring 020 7946 0958 any time", "020 7946 0958"],
  ["PHONE", "Switchboard +46 (0)8 123 456 78", "+46 (0)8 123 456 78"],
  ["PHONE", "Ligue para (11) 98765-4321", "(11) 98765-4321"],
  ["PHONE", "+14155550123 is the on-call number", "+14155550123"],
  ["PHONE", "Text me on 467 3395 tonight", "467 3395"],
  ["PHONE", "Can you call me back on 9876543210?", "9876543210"],
  ["PHONE", "Nobody is answering at 612 345 678", "612 345 678"],
  ["PHONE", "Teléfono: 91 123 45 67", "91 123 45 67"],
  ["PHONE", "Contact 0161-496-0000-office for returns", "0161-496-0000"],
  ["US_SSN", "SSN 123-45-6789 on file", "123-45-6789"],
  ["US_SSN", "her social security number is 536 22 1234.", "536 22 1234"],
  ["US_SSN", "SSN: 536221234", "536221234"],
  ["CREDIT_CARD", "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"],
  ["CREDIT_CARD", "Visa 4111-1111-1111-1111.", "4111-1111-1111-1111"],
  ["CREDIT_CARD", "Amex: 378282246310005", "378282246310005"],
  ["CREDIT_CARD", "Amex 3782 822463 10005 please", "3782 822463 10005"],
  ["CREDIT_CARD", "diners 3056 9309 0259 04", "3056 9309 0259 04"],
  ["CREDIT_CARD", "card 4222222222222 (13 digits)", "4222222222222"],
  ["CREDIT_CARD", "Mastercard 2223003122003222", "2223003122003222"],
  ["CREDIT_CARD", "UnionPay 6200000000000005", "6200000000000005"],
  ["CREDIT_CARD", "pay with 4111111111111111 12 29", "4111111111111111"],
  ["CREDIT_CARD", "my debit card 6759 6498 2648", "6759 6498 2648"],
  ["IBAN", "IBAN DE89 3704 0044 0532 0130 00 for the refund", "DE89 3704 0044 0532 0130 00"],
  ["IBAN", "pay GB82WEST12345698765432 now", "GB82WEST12345698765432"],
  ["IBAN", "iban: fr1420041010050500013m02606", "fr1420041010050500013m02606"],
  ["IBAN", "NL91 ABNA 0417 1643 00 and more words", "NL91 ABNA 0417 1643 00"],
  ["IP_ADDRESS", "the server 192.168.1.10 is down", "192.168.1.10"],
  // A valid dotted quad is an address unless the words before say version or section (see the hard negatives).
  ["IP_ADDRESS", "ping 1.2.3.4 now", "1.2.3.4"],
  ["IP_ADDRESS", "connect to 10.0.0.1:8080", "10.0.0.1"],
  ["IP_ADDRESS", "block 203.0.113.0/24.", "203.0.113.0"],
  ["IP_ADDRESS", "IPv6 2001:db8:85a3::8a2e:370:7334 answers", "2001:db8:85a3::8a2e:370:7334"],
  ["IP_ADDRESS", "loopback fe80::1ff:fe23:4567:890a%eth0", "fe80::1ff:fe23:4567:890a"],
  ["URL", "see https://example.com/docs?q=1.", "https://example.com/docs?q=1"],
  ["URL", "([link](https://example.com/a_(b)))", "https://example.com/a_(b)"],
  ["URL", "Visit www.example.org, then", "www.example.org"],
  ["URL", "ftp://files.example.net/pub/x.tar.gz", "ftp://files.example.net/pub/x.tar.gz"],
  ["STREET_ADDRESS", "ship it to 221B Baker Street, London", "221B Baker Street"],
  ["STREET_ADDRESS", "HQ: 1600 Pennsylvania Ave. NW", "1600 Pennsylvania Ave."],
  ["STREET_ADDRESS", "at 42 W 34th St Apt. 5 in town", "42 W 34th St Apt. 5"],
  ["STREET_ADDRESS", "Wir wohnen in der Hauptstraße 5 in Berlin", "Hauptstraße 5"],
  ["STREET_ADDRESS", "Adresse : 12 rue de la Paix, Paris", "12 rue de la Paix"],
  ["STREET_ADDRESS", "Abitiamo in Via dei Fiorentini 17.", "Via dei Fiorentini 17"],
  ["STREET_ADDRESS", "Calle Mayor 3, Madrid", "Calle Mayor 3"],
  ["STREET_ADDRESS", "Kantoor: Populierenstraat 374", "Populierenstraat 374"],
  ["STREET_ADDRESS", "mail to P.O. Box 149 please", "P.O. Box 149"],
  ["STREET_ADDRESS", "PSC 3294, Box 9168 APO AA", "PSC 3294, Box 9168"],
  ["STREET_ADDRESS", "Király u. 15. Budapest", "Király u. 15"],
  ["STREET_ADDRESS", "Trenerys gate 232, Trondheim", "Trenerys gate 232"],
  ["STREET_ADDRESS", "at 17 Main street tonight", "17 Main street"],
];

// Text that looks like personal data to a naive pattern and is not. Each must come back empty.
const HARD_NEGATIVES: [string, string][] = [
  ["a 16-digit order number failing Luhn", "Order 4111 1111 1111 1112 shipped"],
  ["an unbroken order number failing Luhn", "Your order number is 1234567812345678."],
  ["a Luhn-valid number with no issuer prefix", "reference 0000000000000000"],
  ["an ISO date", "Delivered on 2024-01-15, thanks"],
  ["a European date", "Termin am 15.01.2024 um 10 Uhr"],
  ["a US date", "due 01/15/2024"],
  ["a timestamp", "logged at 2024-01-15 12:30:45 UTC"],
  ["an ISO timestamp", "created 2024-01-15T12:30:45.123Z"],
  ["a clock time range", "open 09:00-17:30 daily"],
  ["a version string", "upgrade to version 1.2.3.4 now"],
  ["a v-prefixed version", "released v10.15.7 and v2.1.0.1"],
  ["a dotted OID", "OID 1.3.6.1.4.1.311"],
  ["an out-of-range dotted quad", "value 256.1.1.1 is not an address"],
  ["a SKU", "SKU-4821-7730-9912 is out of stock"],
  ["a part number", "part 4821-7730-9912-XL"],
  ["a UUID", "request id 550e8400-e29b-41d4-a716-446655440000"],
  ["a git SHA", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8"],
  ["a price with thousands separators", "It costs $1 299 000 or €12.500.000"],
  ["a large count", "Paris has 2 165 423 inhabitants"],
  ["a population with commas", "about 8,336,817 people"],
  ["a list of scores", "scores were 85 90 78 92 this week"],
  ["years", "between 2019 2020 2021 releases"],
  ["an ISBN", "ISBN 978-3-16-148410-0"],
  ["a tracking number", "tracking 1Z 999 AA1 0123 4567 84"],
  ["an invalid SSN area 000", "id 000-12-3456"],
  ["an invalid SSN area 666", "id 666-12-3456"],
  ["an invalid SSN area 9xx", "id 912-12-3456"],
  ["the Woolworth sample SSN", "printed 078-05-1120 on the card"],
  ["nine digits with no SSN cue", "batch 536221234"],
  ["an IBAN with a bad checksum", "DE88 3704 0044 0532 0130 00"],
  ["a word that starts like an IBAN", "the model GB82 is new"],
  ["a ZIP code", "Beverly Hills, CA 90210"],
  ["a short number", "room 1234, floor 5"],
  ["coordinates", "at 40.7128, -74.0060 today"],
  ["a file name with dots", "open report.final.pdf and app.py"],
  ["a bare domain", "I read it on example.com yesterday"],
  ["an at-handle", "ping @alice or user@localhost"],
  ["a MAC address", "MAC 00:1A:2B:3C:4D:5E"],
  ["a C++ scope", "use std::vector<int> and a::b::c"],
  ["a time", "meet at 12:30:45"],
  ["a walk down the road", "I walked 5 miles down the road"],
  ["a money amount with a phone-like shape", "Total: 1 234 567 USD"],
  ["an account number", "account 12 3456 7890"],
  ["an invoice number with dashes", "Invoice #: 2023-0045-7781"],
  ["a phone-shaped number with no cue and plain grouping", "there were 4672 3395 entries"],
  ["a dialling word far from a plain number", "Call of Duty 2 sold 20 000 000 copies"],
  ["a build number", "Windows build 19045.3803 and Python 3.11.4"],
  ["a hex error code", "Error code 0x80070005 again"],
  ["dimensions", "Dimensions 120 x 80 x 45 cm"],
  ["decimals in a row", "weights 12.5 13.2 14.8 kg"],
  ["a date range", "from 2024-03-01 to 2024-03-31"],
  ["a hex dump", "// <Buffer 00 00 00 00 00>"],
  ["code with a number after a method", "char.codePointAt(0).toString(16) and isString(42)"],
  ["a season and a year", "Spring 2024 and Menu 3 and thru 6"],
  ["a numbered list item", "1. Via the `OPENAI_LOG` variable"],
  ["a table row", "mode   pass rate       95% CI  pass  fail"],
  ["a code point", "U+002D and U+0966"],
];

describe("findPii", () => {
  it.each(POSITIVES)("finds %s in %j", (label, text, expected) => {
    expect(found(text)).toContainEqual([label, expected]);
  });

  it.each(HARD_NEGATIVES)("finds nothing in %s", (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it("returns spans as offsets into the original text, in text order", () => {
    const text = "Mail a@b.io, call +1 415 555 0123, card 4111111111111111.";
    expect(findPii(text)).toEqual([
      { start: 5, end: 11, label: "EMAIL" },
      { start: 18, end: 33, label: "PHONE" },
      { start: 40, end: 56, label: "CREDIT_CARD" },
    ]);
  });

  it("reports only the entities asked for", () => {
    const text = "a@b.io 192.168.0.1 +1 415 555 0123";
    expect(found(text, ["IP_ADDRESS"])).toEqual([["IP_ADDRESS", "192.168.0.1"]]);
    expect(found(text, [])).toEqual([]);
    expect(found(text, PII_ENTITIES).map(([label]) => label)).toEqual(["EMAIL", "IP_ADDRESS", "PHONE"]);
  });

  it("does not hand a disabled entity's characters to another", () => {
    expect(found("card 378282246310005", ["PHONE"])).toEqual([]);
    expect(found("server http://10.0.0.1/admin", ["IP_ADDRESS"])).toEqual([]);
    expect(found("SSN 123-45-6789", ["PHONE"])).toEqual([]);
  });

  it("keeps an IP or a phone inside a URL as part of the URL", () => {
    expect(found("see http://10.0.0.1/admin and https://example.com/call/5551234567")).toEqual([
      ["URL", "http://10.0.0.1/admin"],
      ["URL", "https://example.com/call/5551234567"],
    ]);
  });

  it("finds each of several entities of one kind", () => {
    expect(found("Phone: 0490 75 40 81 Desk: +41 (0)96 471 07 95 Fax: 555.123.4567")).toEqual([
      ["PHONE", "0490 75 40 81"],
      ["PHONE", "+41 (0)96 471 07 95"],
      ["PHONE", "555.123.4567"],
    ]);
  });

  it("stays linear on long runs of digits, separators and at-signs", () => {
    const text = `${"1 ".repeat(20_000)}${"a@".repeat(20_000)}${"1.".repeat(20_000)}`;
    expect(findPii(text)).toEqual([]);
  });
});
