import { formatValue } from "../../config/index.js";
import { ContextDocSchema, type ContextDoc } from "../../log/index.js";

const ContextDocsSchema = ContextDocSchema.array().min(1);

/** A list of retrieved documents (`[{ id, text?, title? }, …]`), as targets report in `trace.context`. */
export function asDocuments(value: unknown): ContextDoc[] | undefined {
  const docs = ContextDocsSchema.safeParse(value);
  return docs.success ? docs.data : undefined;
}

/**
 * How a value appears in a judge prompt. Retrieved documents become
 * `<document>` blocks a model reads like articles rather than JSON with
 * scores; everything else gets the template's usual formatting.
 */
export function formatForJudge(value: unknown): string {
  const docs = asDocuments(value);
  if (!docs) return formatValue(value);
  return docs
    .map((doc) => {
      const title = doc.title === undefined ? "" : ` title=${JSON.stringify(doc.title)}`;
      return `<document id=${JSON.stringify(doc.id)}${title}>\n${doc.text ?? ""}\n</document>`;
    })
    .join("\n");
}
