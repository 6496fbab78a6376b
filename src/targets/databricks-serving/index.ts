export { createDatabricksServingTarget, type DatabricksServingDeps } from "./create-target.js";
export type { ServingInfo, UcModelVersion } from "./endpoint-info.js";
export { readServingRequest, type ReadRequest } from "./request-reading.js";
export { mapServingResponse, type MappedResponse } from "./response-mapping.js";
export { evidenceFromMlflowTrace, type MlflowTraceEvidence } from "./mlflow-trace.js";
