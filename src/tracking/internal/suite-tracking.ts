import { loadConfig } from "../../config/index.js";
import { ConfigError, EvalgateError, errorMessage } from "../../errors.js";
import type { SuiteTracking } from "../connection.js";

const GONE = new Set(["ENOENT", "ENOTDIR"]);

/**
 * The `tracking:` block of the suite a run was made from (run.json's
 * suite_file), so a later push lands where `evalgate run` would have logged
 * it. Undefined when the file no longer exists, e.g. a run copied from another
 * machine: push then relies on flags and environment alone.
 */
export async function loadSuiteTracking(suiteFile: string, runId: string): Promise<SuiteTracking | undefined> {
  try {
    const config = await loadConfig(suiteFile);
    return { file: config.configFile, tracking: config.tracking };
  } catch (error) {
    if (error instanceof ConfigError && GONE.has((error.cause as NodeJS.ErrnoException | undefined)?.code ?? "")) return undefined;
    throw new EvalgateError(
      "CONFIG_INVALID",
      `Run ${runId} was made from ${suiteFile}, whose tracking: block says where to log it, but that file no longer loads.\n` +
        `Fix it, or give --experiment and a tracking URI (--tracking-uri or MLFLOW_TRACKING_URI) so the suite file is not read.\n${errorMessage(error)}`,
      { cause: error },
    );
  }
}
