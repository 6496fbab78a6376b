import { dirname, resolve } from "node:path";
import { loadConfig } from "../config/index.js";
import { readAlignHistory } from "./align-history.js";
import type { AlignHistoryEntry } from "./align-schema.js";
import { labelsDir } from "./label-store.js";

/** Every stored align result of a judge in a suite, oldest first: how agreement moved across judge versions. */
export async function alignHistory(judgeId: string, options: { suiteFile: string }): Promise<AlignHistoryEntry[]> {
  const config = await loadConfig(resolve(options.suiteFile));
  return readAlignHistory(labelsDir(config.configDir ?? dirname(options.suiteFile)), judgeId);
}
