import { redactionMarker } from "./redactor.js";

/**
 * Strings shaped like credentials of well-known vendors, found by their
 * prefixes when the exact value is unknown (a key the pipeline read itself,
 * or a run made before a variable was redacted). Each shape needs enough
 * characters after the prefix, and digits where real tokens always have them,
 * so that words like "sk-learn" or "task-list" are left alone.
 */
export const TOKEN_SHAPES = [
  { kind: "anthropic-key", pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  { kind: "openai-key", pattern: /\bsk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}/g },
  { kind: "databricks-token", pattern: /\bdapi[a-f0-9]{16,}(?:-\d+)?/g },
  { kind: "github-token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { kind: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: "aws-access-key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "jwt", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "bearer", pattern: /\bBearer\s+(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}/g },
] as const;

export type TokenKind = (typeof TOKEN_SHAPES)[number]["kind"];

/** How many strings of each shape `text` holds (kinds with none are left out). */
export function findTokenShapes(text: string): Partial<Record<TokenKind, number>> {
  const found: Partial<Record<TokenKind, number>> = {};
  let rest = text;
  for (const { kind, pattern } of TOKEN_SHAPES) {
    const count = rest.match(pattern)?.length ?? 0;
    if (count === 0) continue;
    found[kind] = count;
    // Count each string once: an Anthropic key is not also an OpenAI key.
    rest = rest.replace(pattern, " ");
  }
  return found;
}

/** `text` with every token-shaped string replaced by a marker naming its kind. */
export function redactTokenShapes(text: string): string {
  return TOKEN_SHAPES.reduce((out, { kind, pattern }) => out.replace(pattern, redactionMarker(kind)), text);
}
