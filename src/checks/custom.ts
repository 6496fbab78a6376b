import { z } from "zod";
import type { CheckConfigOf } from "../config/index.js";
import { errorMessage } from "../errors.js";
import { configProblem } from "./internal/config-problem.js";
import { show } from "./internal/excerpt.js";
import { kindOf } from "./internal/kind-of.js";
import { loadUserExport } from "./internal/load-user-export.js";
import { resolveCheckPath } from "./internal/resolve-check-path.js";
import { fail, pass, unscored } from "./internal/verdict.js";
import type { CheckInput, CheckRun, CheckVerdict } from "./types.js";

/** What a custom check function may return. */
export const CustomCheckResultSchema = z.union([
  z.boolean(),
  z.object({ pass: z.boolean(), reason: z.string().optional() }),
]);
export type CustomCheckResult = z.infer<typeof CustomCheckResultSchema>;

/** A custom check: a module's export, sync or async. */
export type CustomCheckFunction = (input: CheckInput) => CustomCheckResult | Promise<CustomCheckResult>;

/** Typed authoring helper: `export default defineCheck(({ output }) => …)`. */
export function defineCheck(check: CustomCheckFunction): CustomCheckFunction {
  return check;
}

/** Runs a custom check function; a throw or a malformed result is "error", never pass or fail. */
export async function scoreCustom(check: CustomCheckFunction, input: CheckInput): Promise<CheckVerdict> {
  let returned: unknown;
  try {
    returned = await check(input);
  } catch (error) {
    return unscored(`custom check threw: ${errorMessage(error)}`);
  }
  const result = CustomCheckResultSchema.safeParse(returned);
  if (!result.success) {
    return unscored(`custom check returned ${show(returned)}; expected true/false or { pass: boolean, reason?: string }`);
  }
  if (typeof result.data === "boolean") {
    return result.data ? pass("custom check returned true") : fail("custom check returned false");
  }
  const reason = result.data.reason ?? `custom check returned pass: ${result.data.pass}`;
  return result.data.pass ? pass(reason) : fail(reason);
}

export async function createCustomCheck(config: CheckConfigOf<"custom">, baseDir: string): Promise<CheckRun> {
  const check = await loadUserExport(baseDir, config.module, config.export, "custom check");
  if (typeof check !== "function") {
    throw configProblem(
      "export",
      `Export "${config.export}" of ${resolveCheckPath(baseDir, config.module)} is ${kindOf(check)}, not a function. Export \`(input) => boolean | { pass, reason }\`, e.g. with defineCheck.`,
    );
  }
  return (input) => scoreCustom(check as CustomCheckFunction, input);
}
