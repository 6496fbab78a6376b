import { extname, isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { createJiti } from "jiti";
import { EvalgateError } from "../errors.js";

// jiti transpiles TypeScript on the fly, so users point at .ts files without a build step.
const jiti = createJiti(pathToFileURL(import.meta.filename).href, { interopDefault: false, moduleCache: true });

/**
 * Imports `exportName` from a user's .ts/.js/.mjs module. `what` names the
 * config field in errors, e.g. "target.path".
 */
export async function loadModuleExport(file: string, exportName: string, what: string): Promise<unknown> {
  let mod: Record<string, unknown>;
  try {
    mod = (await jiti.import(file)) as Record<string, unknown>;
  } catch (error) {
    throw new EvalgateError("CONFIG_INVALID", loadFailure(error, file, what), { cause: error });
  }
  if (!(exportName in mod) || mod[exportName] === undefined) {
    const available = Object.keys(mod).filter((k) => k !== "__esModule");
    throw new EvalgateError(
      "CONFIG_INVALID",
      `${what}: module ${file} has no export "${exportName}" (it exports: ${available.join(", ") || "nothing"}).`,
    );
  }
  return mod[exportName];
}

/**
 * Why a module did not load, in the user's terms. Node's "Cannot find module"
 * comes with a require stack of evalgate's own files, which says nothing about
 * the suite: name the missing file (or the import inside it) instead.
 */
function loadFailure(error: unknown, file: string, what: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return `Could not load ${what} module ${file}: ${message}`;
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  if (missing === undefined || missing === file) {
    const tried = extname(file) === "" ? ` (also with .ts, .mts, .cts, .js, .mjs and .cjs added)` : "";
    return `${what}: file not found: looked for ${file}${tried}. Relative paths are resolved from the suite file's folder; fix ${what}.`;
  }
  if (missing.startsWith(".") || isAbsolute(missing)) return `${what}: ${file} imports "${missing}", which was not found; fix the import (relative imports are resolved from the importing file's folder).`;
  return `${what}: ${file} imports "${missing}", which was not found. Install it (npm install ${missing}) or fix the import.`;
}
