/** "92.9 %", or "–" for a rate that is undefined (0/0). */
export function percent(rate: number | null): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(1)} %`;
}

/** Milliseconds with two significant decimals below 10 ms, where static guards live. */
export function milliseconds(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

/** Columns padded to their widest cell: the first `leftColumns` left-aligned (names), the rest right-aligned (numbers). */
export function table(rows: readonly (readonly string[])[], options: { indent?: string; leftColumns?: number } = {}): string[] {
  const { indent = "  ", leftColumns = 1 } = options;
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? "")].length)));
  return rows.map((row) =>
    `${indent}${row.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")}`.trimEnd(),
  );
}

/** "a, b, c" up to `max` ids, then how many more. */
export function idList(ids: readonly string[], max = 20): string {
  const shown = ids.slice(0, max).join(", ");
  return ids.length > max ? `${shown}, … (${ids.length - max} more; see --json)` : shown;
}
