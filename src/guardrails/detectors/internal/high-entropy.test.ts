import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../../stats/index.js";
import { looksRandom } from "./high-entropy.js";

/** Deterministic pseudo-random strings (evalgate's seeded generator), so the rates below are fixed. */
function randomTokens(alphabet: string, length: number, count: number): string[] {
  const random = createSeededRandom(7);
  const tokens: string[] = [];
  for (let t = 0; t < count; t++) {
    let token = "";
    for (let i = 0; i < length; i++) token += alphabet[random.int(0, alphabet.length - 1)];
    tokens.push(token);
  }
  return tokens;
}

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

describe("looksRandom", () => {
  it.each([
    [BASE62, 32, 0.9],
    [`${BASE62}+/`, 40, 0.9],
    ["abcdefghijklmnopqrstuvwxyz0123456789", 40, 0.75],
  ])("flags most random tokens over %s of length %i", (alphabet, length, share) => {
    const tokens = randomTokens(alphabet, length, 400);
    expect(tokens.filter(looksRandom).length / tokens.length).toBeGreaterThanOrEqual(share);
  });

  it.each([
    ["hex digest", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["UUID", "550e8400-e29b-41d4-a716-446655440000"],
    ["camelCase with a number", "UTF16EncodeCodePoint"],
    ["base64 of text", "SGVsbG8sIHRoaXMgaXMgYSBwbGFpbiBzZW50ZW5jZS4="],
    ["path", "src/guardrails/detectors/internal/high-entropy"],
    ["short", "a1B2c3D4e5"],
  ])("leaves a %s alone", (_, token) => {
    expect(looksRandom(token)).toBe(false);
  });
});
