/**
 * Number formatting the gate's outputs add to the report's (percentages,
 * counts, truncation come from report/): fixed decimals and no Intl, so the
 * text never depends on the machine's locale.
 */

/** A difference of rates in percentage points, always signed: −33.3, +0.0. "−" is U+2212, as in the terminal output. */
export function signedPoints(value: number): string {
  const text = (Math.abs(value) * 100).toFixed(1);
  return value < 0 && text !== "0.0" ? `−${text}` : `+${text}`;
}

/** A p-value to three significant figures, without exponent notation down to 0.0001. */
export function pValue(value: number): string {
  return value < 0.0001 ? "<0.0001" : String(Number(value.toPrecision(3)));
}
