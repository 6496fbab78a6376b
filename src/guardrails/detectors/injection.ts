import type { GuardSpan } from "../types.js";
import { FAMILIES, RULES, type FamilyName, type InjectionLabel } from "./internal/injection-rules.js";
import { normalise, type Normalised } from "./internal/normalise.js";

/** A quoted phrase in a text that discusses attacks is a mention, not an instruction: its weight is multiplied by this. */
const MENTION_DISCOUNT = 0.4;
/** Weight of a rule that only matched once a disguise was undone (leetspeak, lookalike letters, invisible characters, spaced letters). */
const DISGUISE_WEIGHT = 0.5;
/** Weight of a base64 blob that decodes to text one of the rules matches. */
const ENCODED_WEIGHT = 0.85;

const DISCUSSION = /\b(?:prompt injections?|injection attacks?|jailbreak(?:s|ing)? (?:prompts?|attacks?|attempts?)|attacks?|attackers?|defend|defen[cs]e|detect(?:ing|ion)?|prevent(?:ing|ion)?|protect(?:ing|ion)?|mitigat\w*|classif\w*|example of|such as|phrases? like|inputs? like|what does \S+ mean|security|red[ -]?team\w*)\b/;
const BASE64 = /[A-Za-z0-9+/]{16,}={0,2}/g;

interface Hit {
  ruleId: string;
  family: FamilyName;
  weight: number;
  /** Offsets into the normalised text, or into the original when `raw`. */
  start: number;
  end: number;
  raw?: boolean;
}

/**
 * The static prompt-injection layer: a score in 0–1 and the spans that raised
 * it, each labelled with its signal. It reads phrases, so it is a first line
 * that a model-based check backs, not a classifier.
 *
 * How the score is made:
 * 1. The text is normalised (lower case; lookalike letters, full-width and
 *    mathematical forms, leetspeak, invisible characters and spaced-out
 *    letters undone) and every rule in injection-rules.ts is matched.
 * 2. A rule counts once however often it matches, with its weight; a match
 *    inside quotes, in a text that discusses attacks ("how do I defend
 *    against 'ignore previous instructions'?"), counts at 0.4 of it.
 * 3. Rules of one family combine as independent evidence,
 *    1 − Π(1 − wᵢ), capped at the family's cap (persona words alone stay
 *    ≤ 0.4, so benign role-play does not block).
 * 4. Two more signals: a rule that matched only after a disguise was undone
 *    adds 0.5, and a base64 blob decoding to text that any rule matches adds
 *    0.85 (both "encoded-payload").
 * 5. Families combine the same way: score = 1 − Π(1 − familyᵢ).
 */
export function scoreInjection(text: string): { score: number; spans: GuardSpan[] } {
  const n = normalise(text);
  const phrases = matchRules(n, text);
  const disguised = phrases
    .filter((hit) => hit.family !== "encoded" && disguisedBetween(n, hit))
    .map((hit): Hit => ({ ...hit, ruleId: `disguised:${hit.ruleId}`, family: "encoded", weight: DISGUISE_WEIGHT }));
  const hits = [...phrases, ...disguised, ...encodedPayloads(text)];
  return { score: combine(hits), spans: toSpans(hits, n) };
}

function matchRules(n: Normalised, original: string): Hit[] {
  let discussion: boolean | undefined;
  const hits: Hit[] = [];
  for (const rule of RULES) {
    if (!rule.anchors.some((anchor) => n.text.includes(anchor))) continue;
    for (const m of n.text.matchAll(rule.pattern)) {
      if (m[0].length === 0) continue;
      const start = m.index;
      const end = start + m[0].length;
      discussion ??= DISCUSSION.test(n.text);
      const mention = discussion && insideQuotes(original, n.from[start]!);
      hits.push({ ruleId: rule.id, family: rule.family, weight: mention ? rule.weight * MENTION_DISCOUNT : rule.weight, start, end });
    }
  }
  return hits;
}

/** True when `at` is inside a quotation on its line: after an odd number of " or `, an unclosed “, or right after an opening single quote. */
function insideQuotes(text: string, at: number): boolean {
  const before = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
  const count = (quote: RegExp) => before.match(quote)?.length ?? 0;
  return count(/"/g) % 2 === 1 || count(/`/g) % 2 === 1 || count(/“/g) > count(/”/g) || /(?:^|[\s(])['‘]$/.test(before);
}

function disguisedBetween(n: Normalised, hit: Hit): boolean {
  for (let i = hit.start; i < hit.end; i++) if (n.disguised[i]) return true;
  return false;
}

/** Base64 blobs that decode to text the rules match: "aWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM=". */
function encodedPayloads(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(BASE64)) {
    const decoded = Buffer.from(m[0], "base64").toString("utf8");
    if (decoded.length < 12 || !/^[\x20-\x7e\s]*$/.test(decoded)) continue;
    const inner = matchRules(normalise(decoded), decoded);
    if (inner.some((hit) => hit.weight >= 0.3)) hits.push({ ruleId: "base64", family: "encoded", weight: ENCODED_WEIGHT, start: m.index, end: m.index + m[0].length, raw: true });
  }
  return hits;
}

function combine(hits: readonly Hit[]): number {
  const byRule = new Map<string, Hit>();
  for (const hit of hits) {
    const seen = byRule.get(hit.ruleId);
    if (!seen || hit.weight > seen.weight) byRule.set(hit.ruleId, hit);
  }
  const families = new Map<FamilyName, number>();
  for (const hit of byRule.values()) families.set(hit.family, 1 - (1 - (families.get(hit.family) ?? 0)) * (1 - hit.weight));
  let keep = 1;
  for (const [family, score] of families) keep *= 1 - Math.min(score, FAMILIES[family].cap);
  return Math.round((1 - keep) * 1000) / 1000;
}

/** Spans in the original text, labelled by signal, each once. */
function toSpans(hits: readonly Hit[], n: Normalised): GuardSpan[] {
  const spans = hits.map((hit) => {
    const label: InjectionLabel = FAMILIES[hit.family].label;
    return hit.raw ? { start: hit.start, end: hit.end, label } : { start: n.from[hit.start]!, end: n.to[hit.end - 1]!, label };
  });
  const unique = new Map(spans.map((s) => [`${s.start}:${s.end}:${s.label}`, s]));
  return [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
}
