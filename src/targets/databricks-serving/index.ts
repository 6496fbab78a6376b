export { createDatabricksServingTarget, type DatabricksServingDeps } from "./create-target.js";
export type { ServingInfo, UcModelVersion } from "./endpoint-info.js";
