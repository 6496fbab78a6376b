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
    const reason = error instanceof Error ? error.message : String(error);
    throw new EvalgateError("CONFIG_INVALID", `Could not load ${what} module ${file}: ${reason}`, { cause: error });
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
