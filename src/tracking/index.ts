export { pushRunToMlflow, PUSH_COMPLETE_TAG, type PushProgress, type PushRunOptions, type PushRunResult } from "./push-run.js";
export {
  pullRunFromMlflow,
  findLatestFinishedRun,
  findLatestRunForEntityVersion,
  type MlflowAccess,
  type PullRunOptions,
  type PullRunResult,
} from "./pull-run.js";
export { resolveMlflowConnection, type DatabricksAuthResolver, type Env, type MlflowConnection } from "./connection.js";
export {
  createMlflowClient,
  type DatasetInput,
  type Experiment,
  type MlflowClient,
  type MlflowClientOptions,
  type Run,
  type RunStatus,
  type SearchTracesInput,
  type SpansLocation,
  type StoredAssessment,
  type StoredTraceInfo,
  type TraceSpan,
} from "./mlflow-client.js";
export { alignmentMetrics, buildRunPayload, ciBuildUrl, runName, RUN_ID_TAG, SERVING_ENTITY_VERSION_TAG, type RunPayload } from "./run-payload.js";
export { buildTrialTrace, checkAssessment, humanAssessment, judgeAssessment, type ScoredTrace, type Assessment, type ExpectationAssessment, type FeedbackAssessment, type HumanLabel, type TraceInfoV3, type TrialTrace } from "./trace-payload.js";
export { readHumanLabels, writeHumanLabels, type HumanTrialLabel, type ReadHumanLabelsOptions, type ReadHumanLabelsResult, type WriteHumanLabelsOptions, type WriteHumanLabelsResult } from "./human-labels.js";
export { pullLabelsFromMlflow, type PullLabelsOptions, type PullLabelsResult } from "./pull-labels.js";
