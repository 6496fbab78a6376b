/**
 * Escaping for GitHub-flavoured Markdown. Critiques and check reasons are
 * model or user text: they must stay on one line, must never become HTML,
 * and must never end a table cell early.
 */

/**
 * Prose: one line, with "<" escaped so a critique never renders as HTML, and
 * "@name" broken with a zero-width space so a PR comment never pings anyone.
 */
export function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/@(?=[\w-])/g, "@\u200b");
}

/** An identifier as a code span; one holding backticks gets a longer fence, as CommonMark allows. */
export function code(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = longestRun > 0 || line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * A table row. "|" is escaped here, once, for every cell: GitHub splits rows on
 * unescaped pipes even inside code spans, and drops the backslash when it renders.
 */
export function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
}
