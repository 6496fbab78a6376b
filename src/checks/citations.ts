import type { CheckConfigOf } from "../config/index.js";
import type { GuardDecision } from "../log/index.js";
import { compileRegex } from "./internal/compile-regex.js";
import { builtInPattern, type TextPattern } from "./internal/text-pattern.js";
import { configProblem } from "./internal/config-problem.js";
import { excerpt } from "./internal/excerpt.js";
import { readOutputText } from "./internal/read-output.js";
import { fail, pass, unscored } from "./internal/verdict.js";
import type { CheckInput, CheckRun, CheckVerdict } from "./types.js";

/**
 * Bracketed ids such as `[kb-12]`, `[doc_3]`, `[policy:refunds]` or a list
 * `[kb-1, kb-2]`, but not Markdown links `[text](url)` nor bracketed prose
 * (a space without a separating comma ends the match).
 */
export const DEFAULT_CITATION_PATTERN = String.raw`\[([A-Za-z0-9][\w.:/#-]*(?:\s*[,;]\s*[A-Za-z0-9][\w.:/#-]*)*)\](?!\()`;

/** Distinct cited ids in order of first appearance; a captured "a, b" or "a; b" cites both. */
export function extractCitations(text: string, pattern: TextPattern): string[] {
  const ids: string[] = [];
  for (const match of pattern.allMatches(text)) {
    const captured = match.groups.find((group) => group !== undefined) ?? "";
    for (const id of captured.split(/\s*[,;]\s*/)) {
      if (id !== "" && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/**
 * Whether the case expects a (cited) answer: `expected.answerable` decides
 * when it is a boolean; otherwise a case tagged with one of
 * `unanswerableTags` (e.g. "out-of-scope") expects none.
 */
export function expectsAnswer(expected: unknown, tags: readonly string[], unanswerableTags: readonly string[]): boolean {
  const answerable = (expected as { answerable?: unknown } | null | undefined)?.answerable;
  if (typeof answerable === "boolean") return answerable;
  return !tags.some((tag) => unanswerableTags.includes(tag));
}

/** Every cited id must be a retrieved document; an answerable case must cite at least one. */
export function scoreCitations(cited: readonly string[], retrieved: readonly string[], answerable: boolean, text: string): CheckVerdict {
  const unknown = cited.filter((id) => !retrieved.includes(id));
  const retrievedList = `retrieved: ${retrieved.join(", ") || "none"}`;
  if (unknown.length > 0) return fail(`cites ${unknown.join(", ")}, not among the retrieved documents (${retrievedList})`);
  if (cited.length === 0) {
    return answerable ? fail(`cites no retrieved document (${retrievedList}) in ${excerpt(text)}`) : pass("cites nothing, as allowed for an unanswerable case");
  }
  return pass(`cites ${cited.join(", ")}`);
}

/** The default, on V8 for its lookahead; reviewed: no nested quantifier can match the same text two ways. */
const DEFAULT_PATTERN = builtInPattern(new RegExp(DEFAULT_CITATION_PATTERN));

export function citationsCheck(config: CheckConfigOf<"citations">, id: string): CheckRun {
  const pattern = config.pattern === undefined ? DEFAULT_PATTERN : compileRegex(config.pattern, "", { check: id });
  if (pattern.groupCount === 0) {
    throw configProblem(
      "pattern",
      String.raw`Citation pattern '${config.pattern ?? ""}' has no capture group; expected one group around the cited id, e.g. pattern: '\[([\w-]+)\]'.`,
    );
  }
  return (input: CheckInput) => {
    const text = readOutputText(input.output, config.field);
    if (!text.ok) return text.verdict;
    const masks = redactionMasks(input.guardrails ?? []);
    // A guardrail's mask in the answer (`[PHONE]`) looks like a citation and is not one.
    const cited = extractCitations(text.value, pattern).filter((id) => !masks.has(id));
    const answerable = expectsAnswer(input.expected, input.tags ?? [], config.unanswerable_tags);
    const context = input.trace?.context;
    // Citing nothing where no answer is expected needs no retrieved documents to judge, e.g. the
    // fallback of a request a guardrail blocked before the target ran.
    if (context === undefined && (cited.length > 0 || answerable)) {
      return unscored("trace has no `context`: the target must return trace.context ([{ id, … }]) for the citations check");
    }
    return scoreCitations(cited, (context ?? []).map((doc) => doc.id), answerable, text.value);
  };
}

/** The labels output guards masked the answer with (`[EMAIL]` → "EMAIL"). */
function redactionMasks(decisions: readonly GuardDecision[]): Set<string> {
  const redacted = decisions.filter((d) => d.stage === "output" && d.action === "redact" && d.triggered);
  return new Set(redacted.flatMap((d) => (d.spans ?? []).map((span) => span.label)));
}
