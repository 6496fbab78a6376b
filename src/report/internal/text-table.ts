export type Align = "left" | "right";

export interface Column {
  header: string;
  align: Align;
  /** Longer cells are cut with an ellipsis so the table keeps its width. */
  maxWidth?: number;
}

/**
 * Lays cells out in aligned columns separated by two spaces. `paint` colours a
 * padded cell; it runs after padding so escape codes never skew the widths.
 */
export function layoutColumns(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  paint: (cell: string, row: number, column: number) => string = (cell) => cell,
): string[] {
  const cut = (cell: string, column: Column) =>
    column.maxWidth !== undefined && cell.length > column.maxWidth ? `${cell.slice(0, column.maxWidth - 1)}…` : cell;
  const all = [columns.map((c) => c.header), ...rows].map((row) => row.map((cell, i) => cut(cell, columns[i]!)));
  const widths = columns.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  return all.map((row, r) =>
    row
      .map((cell, i) => {
        const padded = columns[i]!.align === "right" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        return paint(padded, r - 1, i);
      })
      .join("  ")
      .trimEnd(),
  );
}
