/** A Markdown file split into its YAML front matter and body. */
export interface FrontMatterParts {
  /** The YAML between the `---` fences ("" when the file has none). */
  yaml: string;
  body: string;
  /** 1-based line of the first YAML line, to offset YAML error positions. */
  yamlLine: number;
  /** 1-based line of the first body line, to locate placeholders. */
  bodyLine: number;
  hasFrontMatter: boolean;
}

const FENCE = /^---[ \t]*$/;

/**
 * Splits `---\n<yaml>\n---\n<body>`. Judge files need front matter, so a file
 * without it is reported by the caller rather than guessed at here.
 */
export function splitFrontMatter(text: string): FrontMatterParts {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) return { yaml: "", body: lines.join("\n"), yamlLine: 1, bodyLine: 1, hasFrontMatter: false };
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) return { yaml: "", body: lines.join("\n"), yamlLine: 1, bodyLine: 1, hasFrontMatter: false };
  return {
    yaml: lines.slice(1, close).join("\n"),
    body: lines.slice(close + 1).join("\n"),
    yamlLine: 2,
    bodyLine: close + 2,
    hasFrontMatter: true,
  };
}
