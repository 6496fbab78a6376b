export { createDatabricksServingTarget, type DatabricksServingDeps } from "./create-target.js";
export type { ServingInfo } from "./endpoint-info.js";
