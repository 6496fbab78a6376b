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

/** `GET /api/3.0/mlflow/traces/{id}`: only what evalgate reads back, the stored assessments. */
export const GetTraceInfoResponse = z.looseObject({
  trace: z.looseObject({
    trace_info: z.looseObject({
      trace_id: z.string(),
      assessments: z.array(z.looseObject({ assessment_name: z.string() })).default([]),
    }),
  }),
});
export type StoredTraceInfo = z.infer<typeof GetTraceInfoResponse>["trace"]["trace_info"];

export const SearchTracesResponse = z.looseObject({
  traces: z.array(z.looseObject({ trace_id: z.string() })).default([]),
  next_page_token: z.string().optional(),
});
