import { z } from "zod";

/** MLflow's REST JSON renders int64 as a number or a string depending on the server. */
const int64 = z.union([z.number(), z.string()]).transform((v) => Number(v));
const keyValues = z.array(z.object({ key: z.string(), value: z.string().default("") })).default([]);

export const ExperimentSchema = z.looseObject({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string().optional(),
  lifecycle_stage: z.string().optional(),
  tags: keyValues,
});
export type Experiment = z.infer<typeof ExperimentSchema>;

export const RunStatusSchema = z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunSchema = z.looseObject({
  info: z.looseObject({
    run_id: z.string(),
    experiment_id: z.string(),
    run_name: z.string().optional(),
    status: RunStatusSchema,
    start_time: int64.optional(),
    end_time: int64.optional(),
    artifact_uri: z.string().default(""),
    lifecycle_stage: z.string().optional(),
  }),
  data: z
    .looseObject({
      metrics: z.array(z.object({ key: z.string(), value: z.number(), timestamp: int64.optional(), step: int64.optional() })).default([]),
      params: keyValues,
      tags: keyValues,
    })
    .default({ metrics: [], params: [], tags: [] }),
});
export type Run = z.infer<typeof RunSchema>;

export const GetExperimentResponse = z.looseObject({ experiment: ExperimentSchema });
export const CreateExperimentResponse = z.looseObject({ experiment_id: z.string() });
export const RunResponse = z.looseObject({ run: RunSchema });
export const SearchRunsResponse = z.looseObject({
  runs: z.array(RunSchema).default([]),
  next_page_token: z.string().optional(),
});

const CredentialInfoSchema = z.looseObject({
  path: z.string().optional(),
  signed_uri: z.string(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  type: z.string().optional(),
});
export type CredentialInfo = z.infer<typeof CredentialInfoSchema>;
export const CredentialsResponse = z.looseObject({
  credential_infos: z.array(CredentialInfoSchema).default([]),
  next_page_token: z.string().optional(),
});

export const SearchTracesResponse = z.looseObject({
  traces: z.array(z.looseObject({ trace_id: z.string() })).default([]),
  next_page_token: z.string().optional(),
});

/** An assessment as MLflow returns it; only feedback matters for labels. */
export const StoredAssessmentSchema = z.looseObject({
  assessment_id: z.string().optional(),
  assessment_name: z.string(),
  source: z.looseObject({ source_type: z.string(), source_id: z.string().optional() }).optional(),
  create_time: z.string().optional(),
  last_update_time: z.string().optional(),
  feedback: z.looseObject({ value: z.unknown().optional() }).optional(),
  rationale: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  /** False once another assessment overrides it. */
  valid: z.boolean().optional(),
});
export type StoredAssessment = z.infer<typeof StoredAssessmentSchema>;

export const StoredTraceInfoSchema = z.looseObject({
  trace_id: z.string(),
  /** When the traced request started (RFC 3339). */
  request_time: z.string().optional(),
  state: z.string().optional(),
  trace_metadata: z.record(z.string(), z.string()).default({}),
  tags: z.record(z.string(), z.string()).default({}),
  assessments: z.array(StoredAssessmentSchema).default([]),
});
export type StoredTraceInfo = z.infer<typeof StoredTraceInfoSchema>;
export const GetTraceResponse = z.looseObject({ trace: z.looseObject({ trace_info: StoredTraceInfoSchema }) });

/** SearchTracesV3: full trace infos (metadata, tags, assessments) one page at a time. */
export const SearchTraceInfosResponse = z.looseObject({
  traces: z.array(StoredTraceInfoSchema).default([]),
  next_page_token: z.string().optional(),
});

/** GetTrace (`/api/3.0/mlflow/traces/get`): the trace info and its spans in OTel proto JSON. */
export const GetFullTraceResponse = z.looseObject({
  trace: z.looseObject({ trace_info: StoredTraceInfoSchema, spans: z.array(z.unknown()).default([]) }),
});

/** Databricks: a signed URL to a trace's span data (`GetCredentialsForTraceDataDownload`). */
export const TraceDataCredentialsResponse = z.looseObject({ credential_info: CredentialInfoSchema });
