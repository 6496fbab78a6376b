import { access } from "node:fs/promises";
import { loadModuleExport } from "../../config/index.js";
import { EvalgateError, errorMessage } from "../../errors.js";
import { configProblem } from "./config-problem.js";
import { resolveCheckPath } from "./resolve-check-path.js";

/**
 * Imports a user's module export for a check, once, at build time. Problems
 * are located on the `module` or `export` field of the check.
 */
export async function loadUserExport(baseDir: string, file: string, exportName: string, what: string): Promise<unknown> {
  const path = resolveCheckPath(baseDir, file);
  try {
    await access(path);
  } catch {
    throw configProblem("module", `${what}: module file not found: ${path}. Expected a .ts or .js file; the path is relative to the suite config.`);
  }
  try {
    return await loadModuleExport(path, exportName, what);
  } catch (error) {
    // loadModuleExport wraps import failures (cause set) and reports a missing export without a cause.
    if (error instanceof EvalgateError && error.cause === undefined) {
      throw configProblem("export", `${error.message} Set \`export:\` to the name the module exports, or add that export.`);
    }
    throw configProblem("module", errorMessage(error), error);
  }
}
