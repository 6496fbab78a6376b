import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseYamlConfig } from "../config/index.js";
import { ConfigError, errorMessage } from "../errors.js";
import { GuardrailsConfigSchema } from "./config-schema.js";
import { buildGuardrails, type GuardrailsOptions, type LoadedGuardrails } from "./create-guardrails.js";

const REQUIRED_HINT = "expected a mapping with a name and `input:` and/or `output:` lists of guards";

/**
 * Parses and validates guardrails YAML (`file` locates messages; relative
 * paths start at its folder unless `options.baseDir` says otherwise), then
 * builds the guards. Throws one ConfigError listing every problem with its line.
 */
export async function parseGuardrails(text: string, file: string, options: GuardrailsOptions = {}): Promise<LoadedGuardrails> {
  const absoluteFile = resolve(file);
  const { data, lineOf } = parseYamlConfig(text, GuardrailsConfigSchema, { file: absoluteFile, subject: "guardrails config", requiredHint: REQUIRED_HINT });
  return buildGuardrails(data, { ...options, baseDir: options.baseDir ?? dirname(absoluteFile) }, { file: absoluteFile, lineOf });
}

/** Reads and builds a guardrails file (`guardrails/*.yaml`). */
export async function loadGuardrails(file: string, options: GuardrailsOptions = {}): Promise<LoadedGuardrails> {
  const absoluteFile = resolve(file);
  let text: string;
  try {
    text = await readFile(absoluteFile, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? `Guardrails file not found: ${absoluteFile}. Check the path (a suite's \`guardrails:\` is relative to the suite file).`
        : `Could not read ${absoluteFile}: ${errorMessage(error)}`;
    throw new ConfigError(absoluteFile, [{ path: "", message }], { subject: "guardrails config", cause: error });
  }
  const guardrails = await parseGuardrails(text, absoluteFile, options);
  return { ...guardrails, files: [absoluteFile, ...guardrails.files] };
}
