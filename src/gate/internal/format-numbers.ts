/**
 * Number formatting shared by the gate's Markdown and JUnit outputs. Fixed
 * decimals and no Intl, so the text never depends on the machine's locale.
 */

/** Shown where there is nothing to measure. */
export const NONE = "—";

/** 0.667 → "66.7%"; null → "—". */
export function percent(value: number | null): string {
  return value === null ? NONE : `${(value * 100).toFixed(1)}%`;
}

/** A confidence level as people write it: 0.95 → "95%", 0.975 → "97.5%". */
export function confidenceLevel(confidence: number): string {
  return `${Number((confidence * 100).toFixed(2))}%`;
}

/** A difference of rates in percentage points, always signed: −33.3, +0.0. "−" is U+2212, as in the terminal output. */
export function signedPoints(value: number): string {
  const text = (Math.abs(value) * 100).toFixed(1);
  return value < 0 && text !== "0.0" ? `−${text}` : `+${text}`;
}

/** A p-value to three significant figures, without exponent notation down to 0.0001. */
export function pValue(value: number): string {
  return value < 0.0001 ? "<0.0001" : String(Number(value.toPrecision(3)));
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** One line, at most `max` characters, an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
