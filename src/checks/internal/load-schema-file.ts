import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { errorMessage } from "../../errors.js";
import { configProblem } from "./config-problem.js";
import { kindOf } from "./kind-of.js";
import { resolveCheckPath } from "./resolve-check-path.js";

/** Reads a JSON Schema file (JSON, or YAML for .yaml/.yml) named by a check's `schema_file`. */
export async function loadSchemaFile(baseDir: string, file: string): Promise<Record<string, unknown>> {
  const path = resolveCheckPath(baseDir, file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : `unreadable (${errorMessage(error)})`;
    throw configProblem("schema_file", `JSON Schema file ${reason}: ${path}. Expected a .json file; the path is relative to the suite config.`);
  }
  const isYaml = [".yaml", ".yml"].includes(extname(path).toLowerCase());
  let schema: unknown;
  try {
    schema = isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw configProblem("schema_file", `JSON Schema file ${path} is not valid ${isYaml ? "YAML" : "JSON"}: ${errorMessage(error)}. Fix the file's syntax.`);
  }
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw configProblem("schema_file", `JSON Schema file ${path} holds ${kindOf(schema)}; expected a JSON object (a JSON Schema).`);
  }
  return schema as Record<string, unknown>;
}
