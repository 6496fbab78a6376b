import type { TargetConfig } from "../config/targets-schema.js";
import { createModuleTarget } from "./module-target.js";
import { createScriptedTarget } from "./scripted-target.js";
import type { Target } from "./types.js";

export type { Target, TargetContext, TargetFunction, TargetInfo, TargetResult } from "./types.js";
export { checkTargetResult } from "./module-target.js";

/** Builds the pipeline under test from its (resolved, absolute-path) config. */
export async function createTarget(config: TargetConfig): Promise<Target> {
  switch (config.type) {
    case "module":
      return createModuleTarget(config.path, config.export);
    case "scripted":
      return createScriptedTarget(config.path);
  }
}
