import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { compileJsonSchema, scoreJsonSchema } from "../../checks/index.js";
import { ConfigError, errorMessage } from "../../errors.js";
import { checkJsonSchema } from "../detectors/index.js";
import type { GuardConfigOf } from "../config-schema.js";
import type { GuardFinding } from "../types.js";
import { GuardProblem } from "./guard-problem.js";

/** A json-schema guard's detector, its schema compiled once (ajv, draft from `$schema`). `file` is set when the schema came from one. */
export async function jsonSchemaDetector(config: GuardConfigOf<"json-schema">, baseDir: string): Promise<{ detect: (text: string) => GuardFinding; file?: string }> {
  const file = typeof config.schema === "string" ? resolve(baseDir, config.schema) : undefined;
  const schema = file === undefined ? (config.schema as Record<string, unknown>) : await readSchemaFile(file);
  let validate: ReturnType<typeof compileJsonSchema>;
  try {
    validate = compileJsonSchema(schema, "schema");
  } catch (error) {
    throw new GuardProblem("schema", error instanceof ConfigError ? (error.issues[0]?.message ?? error.message) : errorMessage(error), { cause: error });
  }
  const detect = (text: string) =>
    checkJsonSchema(text, (value) => {
      const verdict = scoreJsonSchema(value, validate);
      return verdict.outcome === "pass" ? { ok: true } : { ok: false, reason: verdict.reason };
    });
  return file === undefined ? { detect } : { detect, file };
}

async function readSchemaFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : `unreadable (${errorMessage(error)})`;
    throw new GuardProblem("schema", `JSON Schema file ${reason}: ${path}. Give a .json or .yaml file (relative to the guardrails file), or the schema inline.`);
  }
  const isYaml = [".yaml", ".yml"].includes(extname(path).toLowerCase());
  let schema: unknown;
  try {
    schema = isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new GuardProblem("schema", `JSON Schema file ${path} is not valid ${isYaml ? "YAML" : "JSON"}: ${errorMessage(error)}. Fix the file's syntax.`);
  }
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw new GuardProblem("schema", `JSON Schema file ${path} holds ${Array.isArray(schema) ? "a list" : schema === null ? "null" : `a ${typeof schema}`}; expected a JSON object (a JSON Schema).`);
  }
  return schema as Record<string, unknown>;
}
