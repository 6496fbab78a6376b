import type { TargetContext } from "../types.js";

/** Roots a target template may reference: `{{input…}}`, `{{expected…}}`, `{{case_id}}`, `{{trial}}`. */
export const TEMPLATE_ROOTS = ["input", "expected", "case_id", "trial"] as const;

export function trialVars(input: unknown, ctx: TargetContext): Record<string, unknown> {
  return { input, expected: ctx.expected, case_id: ctx.caseId, trial: ctx.trial };
}

/** Placeholders whose first segment is not a known root: almost always a typo (`{{inptu.q}}`). */
export function unknownRoots(placeholders: readonly string[]): string[] {
  return placeholders.filter((path) => !(TEMPLATE_ROOTS as readonly string[]).includes(path.split(".")[0] as string));
}
