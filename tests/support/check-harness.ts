import { createChecks, type Check, type CheckInput, type CheckVerdict, type UserCheckConfig } from "../../src/checks/index.js";
import { CheckConfigSchema } from "../../src/config/index.js";

/** Builds one check from config as a user writes it (defaults applied by the schema). */
export async function buildCheck(config: UserCheckConfig, baseDir = process.cwd()): Promise<Check> {
  const [check] = await createChecks([CheckConfigSchema.parse(config)], { baseDir });
  if (!check) throw new Error("createChecks returned no check");
  return check;
}

/** Builds a check and runs it on one trial; unspecified trial fields are empty. */
export async function runCheck(config: UserCheckConfig, trial: Partial<CheckInput>): Promise<CheckVerdict> {
  const check = await buildCheck(config);
  return check.run({ output: undefined, input: "question", latencyMs: 0, ...trial });
}
