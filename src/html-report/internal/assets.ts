import { readFileSync } from "node:fs";

/**
 * The page's template, styles and script, kept as plain files (assets/) so
 * they read and lint as what they are; the build copies them next to the
 * compiled module (scripts/copy-report-assets.mjs). Client files are plain
 * browser scripts sharing one scope, concatenated in this order: helpers
 * first, views, then main.js, which boots the page.
 */
const CLIENT_FILES = [
  "dom.js",
  "format.js",
  "data.js",
  "word-diff.js",
  "charts.js",
  "table.js",
  "values.js",
  "overview.js",
  "metrics.js",
  "compare.js",
  "failure-modes.js",
  "cases.js",
  "case.js",
  "alignment.js",
  "guardrails.js",
  "main.js",
] as const;

export interface PageAssets {
  template: string;
  styles: string;
  script: string;
}

let cached: PageAssets | undefined;

export function pageAssets(): PageAssets {
  cached ??= {
    template: read("page.html"),
    styles: read("styles.css"),
    // One strict scope, so the page's names never leak into (or collide with) the frame's globals.
    script: `(() => {\n"use strict";\n${CLIENT_FILES.map((file) => `// ${file}\n${read(`client/${file}`)}`).join("\n")}\n})();\n`,
  };
  return cached;
}

function read(path: string): string {
  return readFileSync(new URL(`../assets/${path}`, import.meta.url), "utf8");
}
