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

/**
 * Street words written before the number, ending a compound name
 * ("Hauptstraße 5", "Populierenstraat 374", "Laukaantie 80") or standing
 * after a capitalised one ("Trenerys gate 232", "Erzsébet tér 19"). Endings
 * that English words share ("-ring": "Spring 2024", "toString(16)") are left
 * out; Hungarian "u." (utca) counts only written so, as its own word.
 */
const COMPOUND_ENDINGS = [
  "straße", "strasse", "str", "gasse", "weg", "allee", "platz", "damm", "ufer", "steig", "pfad", "chaussee", "laan", "straat", "gracht",
  "plein", "kade", "singel", "vej", "gade", "gatan", "vägen", "väg", "gata", "gränd", "veien", "vegen", "gate", "katu", "tie", "kuja",
  "polku", "utca", "útja", "út", "tér", "ulica", "cesta", "ulice", "náměstí", "tänav", "iela", "gatve", "stræti", "straeti", "stræde",
  "vegur", "braut", "terrasse", "sokak", "sokağı", "caddesi",
];

/** Street types after the name that may be written in lower case in a capitalised address ("Main street"); others must be capitalised, so "95% CI pass" is not one. */
const LOWER_CASE_SUFFIXES = new Set("street st avenue ave road rd boulevard blvd lane ln drive dr".split(" "));

/** Street types written before the name: "Via Roma 10", "Rue de la Paix 12", "12 rue de la Paix", "Calle Mayor 3". */
const PREFIXES = new Set(
  "via viale piazza piazzale corso largo vicolo strada calle avenida av avda paseo plaza carrer rua rue avenue boulevard bd chemin allée impasse quai place praça travessa ul ulica aleja plac".split(" "),
);

/** Name particles that stay lower-case inside a street name. */
const PARTICLES = new Set("de la le les du des del della delle dei degli di da do dos das van von der den het ten ter y e et of the".split(" "));

const UNIT = new Set(["apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "rm", "#"]);

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\.?|[#/]/gu;
const NUMBER = /^\d{1,6}[A-Za-z]?\.?$|^\d{1,5}-\d{1,5}$/;
const COMPOUND = new RegExp(`(?:${COMPOUND_ENDINGS.join("|")})$`);
/** What ends an address line: a line break, a comma, a semicolon or a colon. */
const LINE_BREAK = /[\n,;:]/;

/** A word of the text with what the rules ask about it, worked out once. */
interface Token {
  text: string;
  /** Lower-cased, without a trailing dot. */
  key: string;
  start: number;
  end: number;
  number: boolean;
  /** Starts with a capital letter. */
  name: boolean;
  /** Ends with a street word and is longer than it ("Hauptstraße"), or is one ("gate" in "Trenerys gate"). */
  compound: "part" | "word" | undefined;
  /** Tokens on one address line share this. */
  line: number;
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
  const tokens = tokenise(text);
  const found: Range[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const end = englishOrder(tokens, i) ?? continentalOrder(tokens, i) ?? postBox(tokens, i, text);
    if (end === undefined) continue;
    const last = withUnit(tokens, end);
    found.push({ start: tokens[i]!.start, end: trimDot(tokens[last]!) });
    i = last;
  }
  return found;
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  let previousEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const key = raw.toLowerCase().replace(/\.$/, "");
    if (LINE_BREAK.test(text.slice(previousEnd, m.index))) line++;
    previousEnd = m.index + raw.length;
    const ending = COMPOUND.exec(key);
    // A compound is one lower-case word after its capital: "toString" or "isString" are identifiers.
    const plainWord = /^\p{L}[\p{Ll}'’-]*\.?$/u.test(raw);
    const compound = raw === "u." ? "word" : !ending || !plainWord ? undefined : key.length > ending[0].length + 2 ? "part" : key === ending[0] ? "word" : undefined;
    tokens.push({ text: raw, key, start: m.index, end: previousEnd, number: NUMBER.test(raw), name: /^\p{Lu}/u.test(raw), compound, line });
  }
  return tokens;
}

/** "221B Baker Street": number, 1–4 capitalised words (an extra number may come first: "1987 74 Diakou Street"), street type. */
function englishOrder(tokens: Token[], i: number): number | undefined {
  // "1." opens a numbered list, not an address.
  if (!tokens[i]!.number || tokens[i]!.text.endsWith(".")) return undefined;
  const line = tokens[i]!.line;
  let j = i + 1;
  if (tokens[j]?.number && tokens[j]!.line === line) j++;
  // "12 rue de la Paix", "137 Avenue Teboulbi": a street type before the name.
  const typeFirst = tokens[j];
  if (typeFirst && typeFirst.line === line && PREFIXES.has(typeFirst.key)) return nameRun(tokens, j + 1, !typeFirst.name);
  let names = 0;
  for (; j < tokens.length && names <= 4 && tokens[j]!.line === line; j++) {
    const token = tokens[j]!;
    if (names > 0 && SUFFIXES.has(token.key) && (token.name || LOWER_CASE_SUFFIXES.has(token.key))) return j;
    if (!token.name && !/^\d+(?:st|nd|rd|th)$/i.test(token.text)) return undefined;
    names++;
  }
  return undefined;
}

/** "Hauptstraße 5", "Koepenicker Str. 74", "Via dei Fiorentini 17", "C/ Mayor 3", "ul. Miła 53". */
function continentalOrder(tokens: Token[], i: number): number | undefined {
  const token = tokens[i]!;
  // The street word is part of the name ("Hauptstraße") or follows a capitalised one ("Trenerys gate", "Király u.").
  for (let j = i; j < Math.min(i + 3, tokens.length) && tokens[j]!.line === token.line; j++) {
    const t = tokens[j]!;
    const compound = t.compound === "part" || (j > i && t.compound === "word");
    if (compound && tokens[j + 1]?.number && tokens[j + 1]!.line === t.line) return j + 1;
    if (!t.name) break;
  }
  const next = tokens[i + 1];
  // "Via Roma 10", and lower-case "ul. Miła 53" (Polish writes it so) when a capitalised name follows.
  const prefix = PREFIXES.has(token.key) && (token.name || next?.name === true);
  const slash = token.text === "C" && next?.text === "/";
  if (!prefix && !slash) return undefined;
  const end = nameRun(tokens, i + (slash ? 2 : 1), false);
  return end !== undefined && tokens[end + 1]?.number && tokens[end + 1]!.line === tokens[end]!.line ? end + 1 : undefined;
}

/** The last token of 1–4 street-name words from `from`; capitalised unless `lower` (an all-lower-case address). */
function nameRun(tokens: Token[], from: number, lower: boolean): number | undefined {
  let last: number | undefined;
  const line = tokens[from - 1]?.line;
  for (let j = from; j < Math.min(from + 4, tokens.length); j++) {
    const token = tokens[j]!;
    if (token.line !== line || token.number) break;
    if (!(token.name || PARTICLES.has(token.key) || (lower && /^\p{Ll}+$/u.test(token.key)))) break;
    if (!PARTICLES.has(token.key)) last = j;
  }
  return last;
}

/** "PO Box 123", "P.O. Box 123", "Postbox 53", "PSC 3294, Box 9168", "Unit 0822 Box 8858". */
function postBox(tokens: Token[], i: number, text: string): number | undefined {
  const key = tokens[i]!.key;
  if (key === "po" && tokens[i + 1]?.key === "box" && tokens[i + 2]?.number) return i + 2;
  if (key === "p" && tokens[i + 1]?.key === "o" && tokens[i + 2]?.key === "box" && tokens[i + 3]?.number) return i + 3;
  if (key === "postbox" && tokens[i + 1]?.number) return i + 1;
  const military = key === "psc" || key === "unit" || key === "cmr";
  if (military && tokens[i + 1]?.number && tokens[i + 2]?.key === "box" && tokens[i + 3]?.number && text.slice(tokens[i + 1]!.end, tokens[i + 2]!.start).length <= 2) return i + 3;
  return undefined;
}

/** Extends an address by a following unit: "Apt. 4B", "Suite 300", "# 12". */
function withUnit(tokens: Token[], end: number): number {
  const unit = tokens[end + 1];
  const number = tokens[end + 2];
  if (unit && number?.number && UNIT.has(unit.key) && unit.line === tokens[end]!.line && number.line === unit.line) return end + 2;
  return end;
}

/** Where a span ends: an abbreviation keeps its dot ("St.", "Ave."), a full stop after a number or a word does not. */
function trimDot(token: Token): number {
  const abbreviation = token.key.length <= 4 && !/\d/.test(token.key);
  return token.text.endsWith(".") && !abbreviation ? token.end - 1 : token.end;
}
