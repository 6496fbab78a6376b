import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import type { CheckConfigOf } from "../config/index.js";
import { errorMessage } from "../errors.js";
import { configProblem } from "./internal/config-problem.js";
import { fieldPointer, listProblems } from "./internal/list-problems.js";
import { loadSchemaFile } from "./internal/load-schema-file.js";
import { readOutputValue } from "./internal/read-output.js";
import { fail, pass } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

// ajv-formats is CommonJS: under NodeNext its default import is the plugin function at runtime.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

/**
 * Passes when the value satisfies the compiled schema; a failure lists each
 * failing JSON path, prefixed by `at` (the pointer of the checked field).
 */
export function scoreJsonSchema(value: unknown, validate: ValidateFunction, at = ""): CheckVerdict {
  if (validate(value)) return pass("matches the JSON Schema");
  const problems = (validate.errors ?? []).map((e) => ({ path: `${at}${e.instancePath}`, message: describeError(e) }));
  return fail(listProblems(problems));
}

/**
 * Compiles a JSON Schema once. The draft follows `$schema` (2020-12, 2019-09,
 * else draft-07); `field` names the config field to blame when it is invalid.
 */
export function compileJsonSchema(schema: Record<string, unknown>, field: string): ValidateFunction {
  const draft = typeof schema.$schema === "string" ? schema.$schema : "";
  // strict: false because real-world schemas carry annotations (e.g. "example") that strict mode rejects.
  const options = { allErrors: true, strict: false };
  const ajv = draft.includes("2020-12") ? new Ajv2020(options) : draft.includes("2019-09") ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw configProblem(field, `Not a valid JSON Schema: ${errorMessage(error)}.`);
  }
}

export async function createJsonSchemaCheck(config: CheckConfigOf<"json-schema">, baseDir: string): Promise<CheckRun> {
  const validate =
    config.schema_file !== undefined
      ? compileJsonSchema(await loadSchemaFile(baseDir, config.schema_file), "schema_file")
      : compileJsonSchema(config.schema ?? {}, "schema");
  return (input) => {
    const value = readOutputValue(input.output, config.field);
    return value.ok ? scoreJsonSchema(value.value, validate, fieldPointer(config.field)) : value.verdict;
  };
}

function describeError(error: ErrorObject): string {
  const extra = error.keyword === "additionalProperties" ? (error.params as { additionalProperty?: string }).additionalProperty : undefined;
  return extra === undefined ? (error.message ?? error.keyword) : `${error.message ?? error.keyword} ("${extra}")`;
}
