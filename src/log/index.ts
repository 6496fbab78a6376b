export * from "./schema.js";
export { trialOutcome } from "./outcome.js";
