import type { CheckConfigOf } from "../config/index.js";
import { configProblem } from "./internal/config-problem.js";
import { kindOf } from "./internal/kind-of.js";
import { fieldPointer, jsonPointer, listProblems } from "./internal/list-problems.js";
import { loadUserExport } from "./internal/load-user-export.js";
import { resolveCheckPath } from "./internal/resolve-check-path.js";
import { readOutputValue } from "./internal/read-output.js";
import { fail, pass } from "./internal/verdict.js";
import type { CheckRun, CheckVerdict } from "./types.js";

/**
 * The part of a zod schema the check uses. Structural, so schemas built with
 * the user's own copy of zod (3 or 4) work too.
 */
export interface ZodLikeSchema {
  safeParseAsync(value: unknown): Promise<ZodLikeResult>;
}
type ZodLikeResult = { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

export function isZodLikeSchema(value: unknown): value is ZodLikeSchema {
  return typeof (value as Partial<ZodLikeSchema> | null | undefined)?.safeParseAsync === "function";
}

/** Passes when the value parses; a failure lists each failing path (prefixed by `at`) with zod's message. */
export async function scoreZod(value: unknown, schema: ZodLikeSchema, at = ""): Promise<CheckVerdict> {
  const result = await schema.safeParseAsync(value);
  if (result.success) return pass("matches the zod schema");
  return fail(listProblems(result.error.issues.map((issue) => ({ path: `${at}${jsonPointer(issue.path)}`, message: issue.message }))));
}

export async function createZodCheck(config: CheckConfigOf<"zod">, baseDir: string): Promise<CheckRun> {
  const schema = await loadUserExport(baseDir, config.module, config.export, "zod check");
  if (!isZodLikeSchema(schema)) {
    throw configProblem(
      "export",
      `Export "${config.export}" of ${resolveCheckPath(baseDir, config.module)} is ${kindOf(schema)}, not a zod schema. Export one, e.g. \`export const ${config.export} = z.object({ … })\`.`,
    );
  }
  return async (input) => {
    const value = readOutputValue(input.output, config.field);
    return value.ok ? scoreZod(value.value, schema, fieldPointer(config.field)) : value.verdict;
  };
}
