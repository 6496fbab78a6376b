import { classSwitchRate, shannonEntropy } from "./entropy.js";
import type { Range } from "./span.js";

// "=" only as padding at the end, so "sig=…" in a query string yields the value alone.
const CANDIDATE = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
const HEX = /^[0-9a-fA-F-]+$/;
/** What comes right before a digest or embedded data, not a credential: "sha256:…", "sha512-…" (SRI), "base64,…" (data URI). */
const DIGEST_BEFORE = /(?:sha\d{1,3}|md5|blake2[bs]?|base64)[:,-]$/i;
const DIGEST_PREFIX = /^(?:sha\d{1,3}|md5|blake2[bs]?)[-_]/i;

/**
 * Long random-looking tokens: credentials of vendors with no known prefix.
 * A token (20+ characters of the base64/base64url alphabet) is random-looking
 * when it mixes letters and digits, switches character kind often (random
 * base62 does at about 0.6 of positions, identifiers and words far less) and
 * has near-maximal Shannon entropy for its length.
 *
 * Left alone on purpose:
 * - hex strings, and hex with dashes (UUIDs): hashes, git SHAs and ids far
 *   outnumber hex credentials in text, and the hex credentials that matter
 *   (Databricks "dapi…") are found by their prefix or by an assignment;
 * - base64 that decodes to text (an encoded sentence is not a secret; the
 *   injection detector reads those);
 * - digests and data URIs ("sha256:…", "sha512-…", "base64,…");
 * - paths: tokens with a "/" whose segments mostly read as words;
 * - identifiers: camelCase words with a digit or two, and words and numbers
 *   joined by "-" or "_" (model names, platform triples).
 */
export function findHighEntropy(text: string, skip: (range: Range) => boolean): Range[] {
  const found: Range[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const token = match[0];
    const range = { start, end: start + token.length };
    if (skip(range) || DIGEST_PREFIX.test(token) || DIGEST_BEFORE.test(text.slice(Math.max(0, start - 8), start))) continue;
    if (looksRandom(token)) found.push(range);
  }
  return found;
}

/** Exported for tests and the bench. */
export function looksRandom(token: string): boolean {
  const core = token.replace(/=+$/, "");
  if (core.length < 20 || HEX.test(core)) return false;
  if (!/[0-9]/.test(core) || !/[A-Za-z]/.test(core)) return false;
  if (isPath(core) || decodesToText(token)) return false;
  if (classSwitchRate(core) < 0.3 || readsAsWords(core) || isSeparatedIdentifier(core)) return false;
  // Random text of length n over a large alphabet has entropy close to log2(n) (up to the alphabet's); words and identifiers stay well below.
  // A single-case alphabet (36 symbols) cannot reach the entropy of a mixed-case one (62) at the same length.
  const factor = /[a-z]/.test(core) && /[A-Z]/.test(core) ? 0.85 : 0.78;
  return shannonEntropy(core) >= factor * Math.log2(Math.min(core.length, 32));
}

/**
 * Share of `token` in runs of three or more lower-case letters (with a leading
 * capital): 0.75 for "UTF16EncodeCodePoint", about 0.15 for random base62,
 * where 0.6 or more happens for 1 token in 40 at 20 characters and 1 in 500
 * at 40.
 */
function wordiness(token: string): number {
  let covered = 0;
  for (const m of token.matchAll(/[A-Z]?[a-z]{3,}/g)) covered += m[0].length;
  return covered / token.length;
}

/** Mostly words, with digits in one or two places ("UTF16EncodeCodePoint", "x86_64-linux"); random lower-case-and-digit text scatters its digits. */
function readsAsWords(token: string): boolean {
  return wordiness(token) >= 0.6 && (token.match(/\d+/g)?.length ?? 0) <= 2;
}

/**
 * Words and numbers joined by separators: "claude-sonnet-4-5-20250929",
 * "cpython-311-x86_64-linux-gnu", "run-af9c36f-20261123" (a short commit hash
 * counts as a number).
 */
function isSeparatedIdentifier(token: string): boolean {
  const parts = token.split(/[-_./+]/).filter((part) => part !== "");
  return parts.length >= 2 && parts.every((part) => /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]{1,6}|\d+|[a-z0-9]{1,4}|[A-Z0-9]{1,4}|[0-9a-f]{5,12})$/.test(part));
}

function isPath(token: string): boolean {
  const segments = token.split("/").filter((s) => s !== "");
  if (segments.length < 2) return false;
  const wordy = segments.filter((s) => s.length >= 3 && (readsAsWords(s) || classSwitchRate(s) < 0.3));
  return wordy.length * 2 >= segments.length;
}

/** True when `token` is base64 of printable text ("aWdub3JlIGFsbA==" is "ignore all"). */
function decodesToText(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) && !/^[A-Za-z0-9_-]+={0,2}$/.test(token)) return false;
  const bytes = Buffer.from(token, token.includes("-") || token.includes("_") ? "base64url" : "base64");
  if (bytes.length < 12) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return printable / bytes.length >= 0.95;
}
