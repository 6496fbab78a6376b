import type { Range } from "./span.js";

/** Street types written after the name: "221B Baker Street", "1600 Pennsylvania Ave". USPS Publication 28 (common forms), plus UK usage. */
const SUFFIXES = new Set(
  (
    "street st avenue ave av road rd boulevard blvd lane ln drive dr court ct way place pl terrace ter terr square sq parkway pkwy highway hwy " +
    "circle cir crescent cres close gardens gdns row alley aly trail trl loop plaza plz turnpike tpke pike walk grove grv mews path point pt " +
    "ridge run view heights hts crossing xing forge forges rapids mill mills park expressway expy freeway fwy causeway cswy hill hills bypass " +
    "junction jct landing manor meadow meadows orchard oval pass passage port route rte spur station summit trace track valley village vista " +
    "wharf quay embankment parade esplanade broadway str"
  ).split(" "),
);

/** Street words that end a compound name, written before the number: "Hauptstraße 5", "Populierenstraat 374", "Laukaantie 80". */
const COMPOUND_ENDINGS = [
  "straße", "strasse", "str", "gasse", "weg", "allee", "platz", "ring", "damm", "ufer", "steig", "pfad", "chaussee", "laan", "straat", "gracht",
  "plein", "kade", "singel", "vej", "gade", "gatan", "vägen", "väg", "gata", "gränd", "veien", "vegen", "gate", "gata", "katu", "tie", "kuja",
  "polku", "utca", "útja", "út", "tér", "u", "ulica", "cesta", "ulice", "náměstí", "tänav", "iela", "gatve", "stræti", "straeti", "stræde",
  "vegur", "braut", "terrasse", "sokak", "sokağı", "caddesi",
];

/** Street types written before the name: "Via Roma 10", "Rue de la Paix 12", "12 rue de la Paix", "Calle Mayor 3". */
const PREFIXES = new Set(
  "via viale piazza piazzale corso largo vicolo strada calle avenida av avda paseo plaza carrer rua rue avenue boulevard bd chemin allée impasse quai place praça travessa ul ulica aleja plac".split(" "),
);

/** Name particles that stay lower-case inside a street name. */
const PARTICLES = new Set("de la le les du des del della delle dei degli di da do dos das van von der den het ten ter y e et of the".split(" "));

const UNIT = new Set(["apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "rm", "#"]);

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\.?|[#/]/gu;
const NUMBER = /^\d{1,6}[A-Za-z]?\.?$|^\d{1,5}-\d{1,5}$/;

interface Token {
  text: string;
  /** Lower-cased, without a trailing dot. */
  key: string;
  start: number;
  end: number;
}

/**
 * Street addresses, by a heuristic over words: a house number with a name and
 * a street type after it (English order), a compound street word or a street
 * type before the number (continental order: "Hauptstraße 5", "Via Roma 10",
 * "Rue de la Paix 12", "12 rue de la Paix"), then an optional unit ("Apt.
 * 4B", "Suite 300"), plus PO boxes and US military mail ("PSC 1234, Box 56").
 * Names must be capitalised (particles aside), so "walked 5 miles down the
 * road" is not an address. Towns and postcodes are not part of the span.
 */
export function findStreetAddresses(text: string): Range[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ text: m[0], key: m[0].toLowerCase().replace(/\.$/, ""), start: m.index, end: m.index + m[0].length });
  const found: Range[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const end = englishOrder(tokens, i, text) ?? continentalOrder(tokens, i, text) ?? postBox(tokens, i, text);
    if (end === undefined) continue;
    const last = withUnit(tokens, end, text);
    found.push({ start: tokens[i]!.start, end: trimDot(tokens[last]!) });
    i = last;
  }
  return found;
}

/** "221B Baker Street": number, 1–4 capitalised words (an extra number may come first: "1987 74 Diakou Street"), street type. */
function englishOrder(tokens: Token[], i: number, text: string): number | undefined {
  if (!isNumber(tokens[i])) return undefined;
  let j = i + 1;
  if (isNumber(tokens[j]) && sameLine(tokens, i, j, text)) j++;
  // "12 rue de la Paix", "137 Avenue Teboulbi": a street type before the name.
  if (tokens[j] && PREFIXES.has(tokens[j]!.key) && sameLine(tokens, i, j, text)) {
    const lower = tokens[j]!.text.charAt(0) === tokens[j]!.key.charAt(0);
    return nameRun(tokens, j + 1, text, lower);
  }
  let names = 0;
  for (; j < tokens.length && names <= 4 && sameLine(tokens, i, j, text); j++) {
    const token = tokens[j]!;
    if (names > 0 && SUFFIXES.has(token.key)) return j;
    if (!isName(token) && !/^\d+(st|nd|rd|th)$/i.test(token.text)) return undefined;
    names++;
  }
  return undefined;
}

/** "Hauptstraße 5", "Koepenicker Str. 74", "Via dei Fiorentini 17", "C/ Mayor 3". */
function continentalOrder(tokens: Token[], i: number, text: string): number | undefined {
  const token = tokens[i]!;
  if (isName(token) || /^\p{Ll}/u.test(token.text)) {
    for (let j = i; j < Math.min(i + 3, tokens.length); j++) {
      if (!sameLine(tokens, i, j, text)) break;
      const key = tokens[j]!.key;
      // The street word is part of the name ("Hauptstraße") or follows a capitalised one ("Trenerys gate", "Király u.").
      const compound = COMPOUND_ENDINGS.some((ending) => (key.endsWith(ending) && key.length > ending.length + 2) || (j > i && key === ending));
      if (compound && isNumber(tokens[j + 1]) && sameLine(tokens, j, j + 1, text)) return j + 1;
      if (!isName(tokens[j]!)) break;
    }
  }
  // "Via Roma 10", and lower-case "ul. Miła 53" (Polish writes it so) when a capitalised name follows.
  const prefix = PREFIXES.has(token.key) && (/^\p{Lu}/u.test(token.text) || (tokens[i + 1] !== undefined && isName(tokens[i + 1]!)));
  const slash = token.text === "C" && tokens[i + 1]?.text === "/";
  if (!prefix && !slash) return undefined;
  const end = nameRun(tokens, i + (slash ? 2 : 1), text, false);
  return end !== undefined && isNumber(tokens[end + 1]) && sameLine(tokens, end, end + 1, text) ? end + 1 : undefined;
}

/** The last token of 1–4 street-name words from `from`; capitalised unless `lower` (an all-lower-case address). */
function nameRun(tokens: Token[], from: number, text: string, lower: boolean): number | undefined {
  let last: number | undefined;
  for (let j = from; j < Math.min(from + 4, tokens.length); j++) {
    const token = tokens[j]!;
    if (!sameLine(tokens, from, j, text) || isNumber(token)) break;
    const ok = isName(token) || PARTICLES.has(token.key) || (lower && /^\p{Ll}+$/u.test(token.key));
    if (!ok) break;
    if (!PARTICLES.has(token.key)) last = j;
  }
  return last;
}

/** "PO Box 123", "P.O. Box 123", "Postbox 53", "PSC 3294, Box 9168", "Unit 0822 Box 8858". */
function postBox(tokens: Token[], i: number, text: string): number | undefined {
  const key = tokens[i]!.key;
  if (key === "po" && tokens[i + 1]?.key === "box" && isNumber(tokens[i + 2])) return i + 2;
  if (key === "p" && tokens[i + 1]?.key === "o" && tokens[i + 2]?.key === "box" && isNumber(tokens[i + 3])) return i + 3;
  if (key === "postbox" && isNumber(tokens[i + 1])) return i + 1;
  const military = key === "psc" || key === "unit" || key === "cmr";
  if (military && isNumber(tokens[i + 1]) && tokens[i + 2]?.key === "box" && isNumber(tokens[i + 3]) && text.slice(tokens[i + 1]!.end, tokens[i + 2]!.start).length <= 2) return i + 3;
  return undefined;
}

/** Extends an address by a following unit: "Apt. 4B", "Suite 300", "# 12". */
function withUnit(tokens: Token[], end: number, text: string): number {
  const unit = tokens[end + 1];
  const number = tokens[end + 2];
  if (unit && number && UNIT.has(unit.key) && isNumber(number) && sameLine(tokens, end, end + 2, text)) return end + 2;
  return end;
}

function isNumber(token: Token | undefined): boolean {
  return token !== undefined && NUMBER.test(token.text);
}

function isName(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

/** Tokens `a`..`b` are not split by a line break, a comma or a semicolon (an address line stays on one line). */
function sameLine(tokens: Token[], a: number, b: number, text: string): boolean {
  if (!tokens[a] || !tokens[b]) return false;
  return !/[\n,;:]/.test(text.slice(tokens[a]!.end, tokens[b]!.start));
}

/** Where a span ends: an abbreviation keeps its dot ("St.", "Ave."), a full stop after a number or a word does not. */
function trimDot(token: Token): number {
  const abbreviation = token.key.length <= 4 && !/\d/.test(token.key);
  return token.text.endsWith(".") && !abbreviation ? token.end - 1 : token.end;
}
