import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { templatePlaceholders } from "../../config/template.js";
import { ConfigError, errorMessage } from "../../errors.js";
import { unknownRoots } from "./trial-vars.js";

/**
 * A prompt template file: YAML with an optional `system` and a required
 * `user` part, each holding `{{input.field}}`-style placeholders:
 *
 *   system: You are a support assistant for Acme. Answer in two sentences.
 *   user: |
 *     Customer tier: {{input.tier}}
 *     Question: {{input.question}}
 *
 * YAML block scalars (`|`) keep multi-line prompts readable and diffable,
 * which is the point: two suites that differ only in this file compare two prompts.
 */
export const PromptTemplateSchema = z.strictObject({
  system: z.string().min(1).optional(),
  user: z.string().min(1),
});
export type PromptTemplate = z.infer<typeof PromptTemplateSchema>;

export async function loadPromptTemplate(file: string): Promise<PromptTemplate> {
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(file, "utf8"));
  } catch (error) {
    throw new ConfigError(file, [{ path: "target.template", message: `Cannot read the prompt template: ${errorMessage(error)}` }], { cause: error });
  }
  const result = PromptTemplateSchema.safeParse(parsed);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: `${issue.message} (a prompt template is YAML with an optional "system" and a required "user" string)`,
      })),
    );
  }
  const typos = unknownRoots(templatePlaceholders(`${result.data.system ?? ""}\n${result.data.user}`));
  if (typos.length > 0) {
    throw new ConfigError(file, [
      { path: "", message: `Unknown placeholder ${typos.map((p) => `{{${p}}}`).join(", ")}; placeholders start with input, expected, case_id or trial` },
    ]);
  }
  return result.data;
}
