import { checkTargetResult, type Target, type TargetResult } from "../../targets/index.js";
import type { EvalTask } from "../options.js";

/** A task given in code as the run's target; what it returns is checked like a module target's. */
export function taskTarget(task: EvalTask, description: string): Target {
  return {
    info: { type: "module", description },
    async invoke(input, ctx): Promise<TargetResult> {
      const value = await task(input, ctx);
      return checkTargetResult(isTargetResult(value) ? value : { output: value }, description);
    },
  };
}

/** `{ output, … }` is a target result; anything else is the answer itself. */
function isTargetResult(value: unknown): value is TargetResult {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, "output");
}
