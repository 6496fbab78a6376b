import { basename } from "node:path";
import type { RunManifest, TrialRecord } from "../log/index.js";
import type { Rate, Summary } from "../report/index.js";
import { MLFLOW_LIMITS } from "./internal/limits.js";
import { mlflowKey } from "./internal/keys.js";
import type { KeyValue, LogBatch, MetricEntry } from "./internal/log-batch-plan.js";

/** Tag holding the local run id: the key that makes a push idempotent. */
export const RUN_ID_TAG = "evalgate.run_id";
export const SERVING_ENTITY_VERSION_TAG = "evalgate.serving.entity_version";

/** Where a serving target records what was deployed (written by the databricks-serving target). */
interface ServingFacts {
  endpoint?: string;
  config_version?: string | number;
  served_entities?: {
    name?: string;
    entity_name?: string;
    entity_version?: string | number;
    /** Present when the entity's Unity Catalog model version could be read. */
    uc_model?: { run_id?: string; model_id?: string };
  }[];
}

export interface RunPayload extends LogBatch {
  runName: string;
  /** Milliseconds since the epoch. */
  startTime: number;
  endTime: number;
}

export interface BuildRunPayloadInput {
  manifest: RunManifest;
  summary: Summary;
  /** Models the target reported (trace.model), in any order and with repeats (see targetModelsOf). */
  targetModels: Iterable<string>;
  env: Readonly<Record<string, string | undefined>>;
  /** Who logs the run (tag mlflow.user); see `runUser`. */
  user: string;
  /**
   * Metrics computed elsewhere and logged as given, e.g. judge alignment
   * (`<judge>/tpr`, `<judge>/tnr`, `<judge>/kappa`, `<judge>/corrected_mean`).
   */
  extraMetrics?: Readonly<Record<string, number>>;
}

/** Everything a run logs to MLflow, from the results log only. */
export function buildRunPayload(input: BuildRunPayloadInput): RunPayload {
  const { manifest, summary } = input;
  const startTime = Date.parse(manifest.started_at);
  const endTime = manifest.ended_at ? Date.parse(manifest.ended_at) : Date.parse(summary.generated_at);
  return {
    runName: runName(manifest),
    startTime,
    endTime,
    params: buildParams(manifest, input.targetModels),
    tags: buildTags(manifest, input.env, input.user),
    metrics: buildMetrics(summary, input.extraMetrics ?? {}, endTime),
  };
}

/** `<suite>-<short git sha>-<UTC timestamp>`, e.g. `support-bot-1a2b3c4-20250102-030405`. */
export function runName(manifest: RunManifest): string {
  const sha = manifest.git?.commit?.slice(0, 7) ?? "nogit";
  const stamp = manifest.started_at.replace(/\.\d+/, "").replace(/[-:]/g, "").replace("T", "-").replace(/Z$/, "");
  return `${manifest.suite}-${sha}-${stamp}`;
}

/** The distinct models trials' traces name, for buildRunPayload. */
export function targetModelsOf(trials: Iterable<Pick<TrialRecord, "trace">>): Set<string> {
  const models = new Set<string>();
  for (const trial of trials) if (typeof trial.trace?.model === "string") models.add(trial.trace.model);
  return models;
}

function buildParams(manifest: RunManifest, models: Iterable<string>): KeyValue[] {
  const targetModels = [...new Set(models)].sort();
  const params: Record<string, string> = {
    suite: manifest.suite,
    target: manifest.target.description,
    target_type: manifest.target.type,
    repeats: String(manifest.repeats),
    concurrency: String(manifest.concurrency),
    evalgate_version: manifest.evalgate_version,
    config_hash: manifest.config_hash,
  };
  if (targetModels.length > 0) params.target_models = targetModels.join(",");
  if (manifest.judges.length > 0) params.judge_models = [...new Set(manifest.judges.map((j) => j.model))].sort().join(",");
  for (const judge of manifest.judges) {
    params[`judge/${judge.id}/model`] = judge.model;
    params[`judge/${judge.id}/version`] = judge.version;
  }
  for (const dataset of manifest.datasets) params[`dataset/${basename(dataset.file)}/sha256`] = dataset.sha256;
  // A shard is a different experiment from the whole suite (fewer cases), so it is a param; a merged run is not.
  if (manifest.shard) {
    params.shard_index = String(manifest.shard.index);
    params.shard_count = String(manifest.shard.count);
  }
  return Object.entries(params).map(([key, value]) => ({ key: mlflowKey(key), value }));
}

function buildTags(manifest: RunManifest, env: Readonly<Record<string, string | undefined>>, user: string): KeyValue[] {
  const tags: Record<string, string> = {
    "mlflow.runType": "genai_evaluate",
    // The tags MLflow's fluent API sets on every run (mlflow/tracking/context/default_context.py): the UI's
    // "Created by" and "Source". The source of an evalgate run is its suite file, as a script is a Python run's.
    "mlflow.user": user,
    "mlflow.source.name": manifest.suite_file,
    "mlflow.source.type": "LOCAL",
    [RUN_ID_TAG]: manifest.run_id,
    "evalgate.suite": manifest.suite,
    "evalgate.status": manifest.status,
  };
  if (manifest.shard) tags["evalgate.shard"] = `${manifest.shard.index}/${manifest.shard.count}`;
  // Provenance of a merged run; its params and metrics are those of the unsharded run.
  if (manifest.merged_from) tags["evalgate.merged_from"] = manifest.merged_from.map((m) => m.run_id).join(",");
  if (manifest.git?.commit) tags["mlflow.source.git.commit"] = manifest.git.commit;
  if (manifest.git?.branch) tags["mlflow.source.git.branch"] = manifest.git.branch;
  const ciUrl = ciBuildUrl(env);
  if (ciUrl) tags["evalgate.ci.build_url"] = ciUrl;
  Object.assign(tags, servingTags(manifest.target.serving as ServingFacts | undefined));
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/**
 * The user MLflow's fluent API records: MLFLOW_TRACKING_USERNAME when set,
 * else the login name, else "unknown" (as `getpass.getuser()` falls back).
 */
export function runUser(env: Readonly<Record<string, string | undefined>>, loginName: () => string): string {
  const configured = env.MLFLOW_TRACKING_USERNAME?.trim();
  if (configured) return configured;
  try {
    return loginName() || "unknown";
  } catch {
    return "unknown";
  }
}

/** The CI job's web page, from the variables GitHub Actions, Jenkins and GitLab set. */
export function ciBuildUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return env.BUILD_URL || env.CI_JOB_URL || undefined;
}

function servingTags(serving: ServingFacts | undefined): Record<string, string> {
  if (!serving || typeof serving !== "object") return {};
  const tags: Record<string, string> = {};
  if (serving.endpoint) tags["evalgate.serving.endpoint"] = serving.endpoint;
  if (serving.config_version !== undefined) tags["evalgate.serving.config_version"] = String(serving.config_version);
  const entities = serving.served_entities ?? [];
  // A traffic split serves several entities: the tag lists them in order, comma-separated.
  const names = entities.map((e) => e.entity_name).filter((v) => v !== undefined);
  const versions = entities.map((e) => e.entity_version).filter((v) => v !== undefined);
  if (names.length > 0) tags["evalgate.serving.entity_name"] = names.join(",");
  if (versions.length > 0) tags[SERVING_ENTITY_VERSION_TAG] = versions.map(String).join(",");
  // Link the evaluation to the MLflow 3 logged model and the run that logged it, as far as they were resolvable.
  const modelIds = entities.map((e) => e.uc_model?.model_id).filter((v) => v !== undefined);
  const modelRunIds = entities.map((e) => e.uc_model?.run_id).filter((v) => v !== undefined);
  if (modelIds.length > 0) tags["evalgate.serving.model_id"] = modelIds.join(",");
  if (modelRunIds.length > 0) tags["evalgate.serving.model_run_id"] = modelRunIds.join(",");
  return tags;
}

/** Metric names follow MLflow's own GenAI evaluation: `<scorer>/mean` is the pass rate. */
function buildMetrics(summary: Summary, extra: Readonly<Record<string, number>>, timestamp: number): MetricEntry[] {
  const values: [string, number | null | undefined][] = [];
  const rate = (id: string, r: Rate): void => {
    if (r.trials === 0) return;
    values.push([`${id}/mean`, r.rate], [`${id}/ci_low`, r.low], [`${id}/ci_high`, r.high]);
  };
  for (const score of summary.scores) rate(score.id, score.pass_rate);
  rate("overall", summary.overall.pass_rate);
  for (const tag of summary.tags) rate(`tag/${tag.tag}`, tag.pass_rate);
  for (const guard of summary.guardrails ?? []) values.push([`guardrail/${guard.id}/trigger_rate`, guard.trigger_rate]);
  const usage = summary.usage;
  values.push(
    ["pass_at_k", summary.pass_k.pass_at_k],
    ["pass_hat_k", summary.pass_k.pass_hat_k],
    // Next to the figures, as in every report: cases left out (an errored trial) can make them look better.
    ["pass_k_cases_excluded", summary.pass_k.cases_excluded],
    ["error_rate", summary.errors.rate],
    ["latency_p50_ms", summary.latency_ms.p50],
    ["latency_p95_ms", summary.latency_ms.p95],
    ["total_tokens", usage.target.input_tokens + usage.target.output_tokens + usage.judges.input_tokens + usage.judges.output_tokens],
    ["cost_usd", usage.total_cost_usd],
  );
  // Given metrics win over those derived here, so no key is logged twice.
  values.push(...Object.entries({ ...alignmentMetrics(summary), ...extra }));
  return values
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1]))
    .map(([key, value]) => ({ key: mlflowKey(key), value, timestamp, step: 0 }));
}

/**
 * Each aligned judge's agreement with human labels and its corrected pass
 * rate: `<judge>/tpr`, `/tnr`, `/kappa` (absent when insufficient or
 * undefined) and `/corrected_mean`, `/corrected_ci_low`, `/corrected_ci_high`
 * (absent when the correction was refused).
 */
export function alignmentMetrics(summary: Summary): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const score of summary.scores) {
    if (score.kind !== "judge" || !score.alignment) continue;
    const { measured, corrected } = score.alignment;
    const figures = { tpr: measured?.tpr.value, tnr: measured?.tnr.value, kappa: measured?.kappa };
    for (const [name, value] of Object.entries(figures)) if (typeof value === "number") metrics[`${score.id}/${name}`] = value;
    if (corrected.status !== "estimated") continue;
    metrics[`${score.id}/corrected_mean`] = corrected.estimate;
    metrics[`${score.id}/corrected_ci_low`] = corrected.low;
    metrics[`${score.id}/corrected_ci_high`] = corrected.high;
  }
  return metrics;
}

/** Dataset digests are capped by the server; a sha256 prefix of that length still identifies the file. */
export function datasetDigest(sha256: string): string {
  return sha256.slice(0, MLFLOW_LIMITS.datasetDigestLength);
}
