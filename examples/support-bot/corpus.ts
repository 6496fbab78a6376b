import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";

/** One help-centre article: `id` is its file name (`kb-billing-refunds.md` → `kb-billing-refunds`). */
export interface Article {
  id: string;
  title: string;
  text: string;
}

/** Reads every Markdown article in `dir`; the first `# ` line is the title, the rest the body. */
export async function loadCorpus(dir: string): Promise<Article[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".md")).sort();
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(join(dir, file), "utf8");
      const [heading = "", ...body] = source.trim().split("\n");
      const id = basename(file, ".md");
      if (!heading.startsWith("# ")) throw new Error(`${join(dir, file)}: the first line must be the "# Title" of the article.`);
      return { id, title: heading.slice(2).trim(), text: body.join("\n").trim().replace(/\s*\n\s*/g, " ") };
    }),
  );
}
