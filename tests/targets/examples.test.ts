import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { UserConfigSchema } from "../../src/config/schema.js";
import { loadPromptTemplate } from "../../src/targets/internal/prompt-template.js";

// The README links to these snippets: keep them valid as the schemas evolve.
const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples/targets");
const suites = (await readdir(examplesDir)).filter((name) => name.endsWith(".yaml"));

describe("examples/targets", () => {
  it("has a snippet for every target kind this folder documents", () => {
    expect(suites.sort()).toEqual(["databricks-serving-chat.yaml", "databricks-serving.yaml", "http.yaml", "mlflow-models-serve.yaml", "prompt.yaml"]);
  });

  it.each(suites)("%s is a valid suite config", async (name) => {
    const parsed = UserConfigSchema.safeParse(parseYaml(await readFile(join(examplesDir, name), "utf8")));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("the prompt example's template loads", async () => {
    const config = UserConfigSchema.parse(parseYaml(await readFile(join(examplesDir, "prompt.yaml"), "utf8")));
    if (config.target.type !== "prompt") throw new Error("prompt.yaml must hold a prompt target");
    const template = await loadPromptTemplate(join(examplesDir, config.target.template));
    expect(template.user).toContain("{{input}}");
  });
});
