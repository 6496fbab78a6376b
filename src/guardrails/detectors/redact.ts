import type { GuardSpan } from "../types.js";

/**
 * `text` with each span replaced by its label in brackets ("[EMAIL]",
 * "[openai-key]"). Overlapping spans are merged into one, named by the span
 * that starts first (the longest, when two start together): a URL holding
 * an email becomes "[URL]". Spans outside the text are clipped; empty ones
 * are ignored.
 */
export function redactSpans(text: string, spans: readonly GuardSpan[]): string {
  const clipped = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end), label: s.label }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  let i = 0;
  while (i < clipped.length) {
    const first = clipped[i]!;
    let end = first.end;
    for (i++; i < clipped.length && clipped[i]!.start < end; i++) end = Math.max(end, clipped[i]!.end);
    out += `${text.slice(at, first.start)}[${first.label}]`;
    at = end;
  }
  return out + text.slice(at);
}
