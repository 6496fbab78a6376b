import { nearestCue, type CueWords } from "./context.js";
import { continuesAfter, continuesBefore } from "./chars.js";
import { findDigitRuns, type DigitRun } from "./digit-groups.js";
import type { Range } from "./span.js";

/**
 * Words near a number that say what it is. Positive: it is dialled
 * ("call me on", "Mobile:", "… office", "not answering at", "text me at").
 * Negative: it is an identifier, an amount or a postcode.
 */
const CUES: CueWords = {
  positive: new Set([
    "phone", "phones", "telephone", "tel", "tele", "tlf", "ph", "mobile", "mob", "cell", "cellphone", "fax", "desk", "office", "landline",
    "hotline", "helpline", "call", "calls", "calling", "called", "ring", "dial", "text", "texts", "sms", "message", "messages", "whatsapp",
    "voicemail", "answer", "answers", "answering", "contact", "reach", "reachable", "extension", "telefon", "telefono", "teléfono",
    "téléphone", "tél", "telefone", "tfno", "handy", "móvil", "movil", "celular", "cellulare", "portable", "rufnummer", "puhelin",
    "numéro", "número", "numero",
  ]),
  negative: new Set([
    "order", "orders", "invoice", "ref", "reference", "sku", "id", "serial", "account", "acct", "iban", "tracking", "isbn", "issn",
    "ticket", "case", "po", "transaction", "confirmation", "item", "part", "model", "batch", "lot", "zip", "postcode", "postal", "plz",
    "amount", "total", "price", "cost", "balance", "population", "$", "€", "£", "¥", "usd", "eur", "gbp", "card", "cc", "ssn",
    "license", "licence", "passport", "policy", "claim", "customer", "member", "patient", "employee", "student", "version", "#",
  ]),
};

/** A phone number ends with at most one extension: "x4587", "ext. 12", "extension 123". */
const EXTENSION = /^ ?(?:x|ext\.?|extension) ?\d{1,6}(?![\p{L}\p{N}])/iu;
const CODE_BEFORE = /(?<![\p{L}\p{N}])(?=[\p{L}\p{N}]*\p{L})(?=[\p{L}\p{N}]*\p{N})[\p{L}\p{N}]+ $/u;
const LABEL_AFTER = /^-(\p{L}+)(?![\p{L}\p{N}])/u;

/**
 * Phone numbers in the formats people write: E.164 and "00" international
 * prefixes, North American (555) 123-4567 / 555.123.4567 / 1-555-123-4567,
 * trunk-prefixed national numbers (020 7946 0958, 0490 75 40 81), "(0)"
 * after a country code, and extensions.
 *
 * Each run of digit groups is classified by its shape. Shapes that only
 * phone numbers have are taken on sight; shapes that plain numbers share
 * ("467 3395", "12 500 000", an unbroken ten digits) need a dialling word
 * nearby; an identifier or money word nearest to it vetoes either. Dates,
 * IPv4 addresses and SSN-shaped numbers are never phones.
 */
export function findPhones(text: string): Range[] {
  const found: Range[] = [];
  for (const run of findDigitRuns(text, " -.", true)) {
    // A postcode or box number may run into the phone ("Portugal 30971 21 253 109 8211"): retry without leading groups.
    for (let from = 0; from < Math.min(run.groups.length, 3); from++) {
      if (from > 0 && run.separators[from - 1] !== " ") break;
      const range = classify(text, run, from);
      if (range) {
        found.push(range);
        break;
      }
    }
  }
  return found;
}

type Shape = "phone" | "number";

function classify(text: string, run: DigitRun, from: number): Range | undefined {
  const groups = run.groups.slice(from);
  const separators = run.separators.slice(from);
  const plus = from === 0 && run.plus;
  const start = plus ? run.start : groups[0]!.start;
  let end = run.end;
  const extension = EXTENSION.exec(text.slice(end, end + 16));
  if (extension) end += extension[0].length;
  // A label hyphenated to the number ("555-123-4567-office") is not part of a code: it says what the number is.
  const label = LABEL_AFTER.exec(text.slice(end, end + 16));
  const labelled = label !== null && CUES.positive.has(label[1]!.toLowerCase());
  if (continuesBefore(text, start) || (!labelled && continuesAfter(text, end))) return undefined;
  // After a letters-and-digits code ("1Z 999 AA1 0123 4567 84", "DE88 3704 0044 …") the digits belong to the code.
  const codeBefore = (at: number) => CODE_BEFORE.test(text.slice(Math.max(0, at - 24), at));
  if (!plus && (codeBefore(start) || codeBefore(run.start))) return undefined;

  const lengths = groups.map((g) => g.digits.length);
  const digits = lengths.reduce((a, b) => a + b, 0);
  if (digits < 7 || digits > 15 || notAPhone(groups.map((g) => g.digits), separators)) return undefined;

  const cue = labelled ? "positive" : nearestCue(text, start, end, CUES);
  if (cue === "negative") return undefined;
  const shape = plus || extension ? "phone" : shapeOf(groups, separators, lengths, digits);
  if (shape === "phone") return { start, end };
  // A shape plain numbers share needs the dialling word close by ("Call of Duty 2 sold 20 000 000" is not one).
  return labelled || nearestCue(text, start, end, CUES, 4) === "positive" ? { start, end } : undefined;
}

/** Dates, dotted quads and SSN-shaped numbers: digit runs with their own meaning. */
function notAPhone(digits: string[], separators: string[]): boolean {
  const [a, b, c] = digits.map(Number);
  const sameSeparator = separators.length >= 2 && separators[0] === separators[1];
  if (digits.length >= 3 && sameSeparator && separators[0] !== " ") {
    const [la, lb, lc] = digits.map((d) => d.length);
    // 2024-01-15, 15.01.2024, 01.15.2024 (and a time after a date: "2024-01-15 10").
    if (la === 4 && lb! <= 2 && lc! <= 2 && b! >= 1 && b! <= 12 && c! >= 1 && c! <= 31) return true;
    if (lc === 4 && la! <= 2 && lb! <= 2 && a! >= 1 && b! >= 1 && ((a! <= 31 && b! <= 12) || (a! <= 12 && b! <= 31))) return true;
  }
  if (digits.length === 4 && separators.every((s) => s === ".") && digits.every((d) => d.length <= 3 && Number(d) <= 255)) return true;
  if (digits.length === 3 && separators.every((s) => s === "-") && digits.map((d) => d.length).join() === "3,2,4") return true;
  return false;
}

function shapeOf(groups: DigitRun["groups"], separators: string[], lengths: number[], digits: number): Shape {
  const first = groups[0]!.digits;
  if (groups.length === 1) return "number";
  // An area code in parentheses: (555) 123-4567, (08) 8747 6301, +46 (0)8 …
  if (groups.some((g) => g.parenthesised) && groups.length >= 3) return "phone";
  // International prefix written as 00: 0044 20 7946 0958 (country codes never start with 0: "00 00 00" is a dump).
  const country = first.length > 2 ? first.charAt(2) : groups[1]!.digits.charAt(0);
  if (first.startsWith("00") && first.length <= 5 && country !== "0" && digits >= 10) return "phone";
  // North American: 555-123-4567, 555.123.4567, 1-555-123-4567, 001-555-123-4567.
  const nanp = lengths.slice(-3).join() === "3,3,4" && (groups.length === 3 || (groups.length === 4 && /^(1|001)$/.test(first)));
  if (nanp && new Set(separators).size === 1) return "phone";
  // Thousands grouping (12 500 000, 1.234.567) is how amounts are written.
  const thousands = lengths.slice(1).every((l) => l === 3) && lengths[0]! <= 3 && new Set(separators).size === 1 && separators[0] !== "-";
  if (thousands && !first.startsWith("0")) return "number";
  // A trunk prefix "0" starts most national numbers outside North America (then an area code, never "0" again).
  if (first.startsWith("0") && !/^0+$/.test(first) && digits >= 9 && lengths.slice(1).every((l) => l >= 2)) return "phone";
  if (groups.length < 3 || lengths.some((l) => l < 2)) return "number";
  // Equal groups separated by spaces are lists or split identifiers (85 90 78 92, 1234 5678 9012) unless dashed or dotted.
  const equal = new Set(lengths).size === 1;
  if (equal && (separators.includes(" ") || lengths[0] === 4)) return "number";
  return "phone";
}
