const DEFAULT_MAX_CHARS = 80;

/** A quoted, truncated rendering of a text for reasons: short enough to read in a table cell. */
export function excerpt(text: string, maxChars = DEFAULT_MAX_CHARS): string {
  const chars = [...text];
  const shown = chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join("")}…` : text;
  return JSON.stringify(shown);
}

/** A quoted excerpt centred on `index`, so a match deep in a long output is still visible. */
export function excerptAround(text: string, index: number, length: number, radius = 30): string {
  const start = Math.max(0, index - radius);
  const end = Math.min(text.length, index + length + radius);
  const body = text.slice(start, end);
  return JSON.stringify(`${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`);
}

/** Any value as short text for reasons (strings quoted, objects as JSON). */
export function show(value: unknown, maxChars = DEFAULT_MAX_CHARS): string {
  if (typeof value === "string") return excerpt(value, maxChars);
  const json = JSON.stringify(value) ?? String(value);
  return [...json].length > maxChars ? `${[...json].slice(0, maxChars - 1).join("")}…` : json;
}
