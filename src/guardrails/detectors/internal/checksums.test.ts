import { describe, expect, it } from "vitest";
import { isCardNumber, luhnValid } from "./card.js";
import { ibanChecksumValid } from "./iban.js";
import { ssnValid } from "./ssn.js";

describe("luhnValid", () => {
  // 79927398713 is the worked example of ISO/IEC 7812-1 annex B (and Wikipedia's "Luhn algorithm").
  it.each([
    ["79927398713", true],
    ["79927398710", false],
    ["4111111111111111", true],
    ["4111111111111112", false],
    ["0", true],
  ])("%s → %s", (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});

describe("isCardNumber", () => {
  // Network test numbers (Stripe and PayPal sandbox documentation).
  it.each([
    ["4242424242424242", true, "Visa"],
    ["5555555555554444", true, "Mastercard 51–55"],
    ["2223003122003222", true, "Mastercard 2-series"],
    ["378282246310005", true, "Amex"],
    ["6011111111111117", true, "Discover"],
    ["3566002020360505", true, "JCB"],
    ["30569309025904", true, "Diners 14"],
    ["79927398713", false, "Luhn-valid but 11 digits"],
    ["4242424242424241", false, "Visa prefix, bad check digit"],
    ["378282246310005000", false, "Amex prefix at 18 digits"],
    ["9111111111111111", false, "no issuer starts with 9"],
  ])("%s → %s (%s)", (digits, valid) => {
    expect(isCardNumber(digits)).toBe(valid);
  });
});

describe("ibanChecksumValid", () => {
  // Examples from the SWIFT IBAN Registry and ISO 13616-1 annex.
  it.each([
    ["GB82WEST12345698765432", true],
    ["DE89370400440532013000", true],
    ["FR1420041010050500013M02606", true],
    ["NO9386011117947", true],
    ["gb82west12345698765432", true],
    ["GB83WEST12345698765432", false],
    ["DE89370400440532013001", false],
  ])("%s → %s", (iban, valid) => {
    expect(ibanChecksumValid(iban)).toBe(valid);
  });
});

describe("ssnValid", () => {
  // SSA rules after randomisation (June 2011): no area 000, 666 or 900–999, no group 00, no serial 0000.
  it.each([
    ["123", "45", "6789", true],
    ["899", "99", "9999", true],
    ["000", "45", "6789", false],
    ["666", "45", "6789", false],
    ["900", "45", "6789", false],
    ["123", "00", "6789", false],
    ["123", "45", "0000", false],
    ["078", "05", "1120", false],
  ])("%s-%s-%s → %s", (area, group, serial, valid) => {
    expect(ssnValid(area, group, serial)).toBe(valid);
  });
});
