import type { CheckVerdict } from "../types.js";

export const pass = (reason: string): CheckVerdict => ({ outcome: "pass", reason });
export const fail = (reason: string): CheckVerdict => ({ outcome: "fail", reason });
/** The check could not be evaluated on this trial. */
export const unscored = (reason: string): CheckVerdict => ({ outcome: "error", reason });
