import type { BinaryLabel } from "./agreement.js";

/** A spreadsheet cell as read: text, a typed number or boolean, or empty. */
export type CellValue = string | number | boolean | null;

const PASS = new Set(["pass", "p", "1", "yes", "y", "true", "good", "ok", "✅", "✓", "✔", "✔️", "👍"]);
const FAIL = new Set(["fail", "f", "0", "no", "n", "false", "bad", "❌", "✗", "✘", "❎", "👎"]);

/** What people type for PASS and FAIL, for error messages. */
export const ACCEPTED_SPELLINGS = "pass/fail, PASS/FAIL, 1/0, yes/no, y/n, true/false, good/bad, ✅/❌ (blank = unlabelled)";

/**
 * Reads a label as people type it. Sheets hold what annotators find fastest
 * (1/0, y/n, ✅/❌, Excel's TRUE/FALSE), and a tool that rejects them gets its
 * sheets rewritten by hand, which is where labels get flipped.
 * Returns null for a blank cell (unlabelled), undefined for anything unrecognised.
 */
export function parseLabel(value: CellValue): BinaryLabel | null | undefined {
  if (value === null) return null;
  if (typeof value === "boolean") return value ? "pass" : "fail";
  const text = String(value).trim().toLowerCase();
  if (text === "") return null;
  if (PASS.has(text)) return "pass";
  if (FAIL.has(text)) return "fail";
  return undefined;
}
