import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { datasetSources, repeatedDatasetIssues } from "./dataset-paths.js";
import { parseYamlConfig } from "./parse-yaml-config.js";
import { resolveConfig, type ResolvedConfig } from "./resolve.js";
import { UserConfigSchema } from "./schema.js";

export type { ConfigIssue } from "./parse-yaml-config.js";

const REQUIRED_HINT = "expected a mapping with at least name, dataset and target";

/**
 * Parses and validates suite config text. `file` locates messages and is the
 * base for relative paths. Throws ConfigError listing every problem.
 */
export function parseConfig(text: string, file: string): ResolvedConfig {
  const absoluteFile = resolve(file);
  const { data, lineOf } = parseYamlConfig(text, UserConfigSchema, { file: absoluteFile, requiredHint: REQUIRED_HINT });
  const config = { ...resolveConfig(data, absoluteFile), datasetSources: datasetSources(data.dataset, lineOf) };
  const repeated = repeatedDatasetIssues(config);
  if (repeated.length > 0) throw new ConfigError(absoluteFile, repeated);
  return config;
}

/** Reads, validates and resolves a suite file (evalgate.yaml). */
export async function loadConfig(file: string): Promise<ResolvedConfig> {
  const absoluteFile = resolve(file);
  let text: string;
  try {
    text = await readFile(absoluteFile, "utf8");
  } catch (error) {
    throw new ConfigError(absoluteFile, [{ path: "", message: readFailure(error, absoluteFile) }], { cause: error });
  }
  return parseConfig(text, absoluteFile);
}

function readFailure(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `Config file not found: ${file}. Check the path, or create the suite file there.`;
  if (code === "EISDIR") return `${file} is a directory; expected a suite file such as ${file}/evalgate.yaml.`;
  return `Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`;
}
