import { ProviderAPIError } from "../../providers/index.js";
import { isRecord } from "../internal/trace-fields.js";
import type { ServingInfo, UcModelVersion } from "./endpoint-info.js";

/** Fetches `GET /api/2.1/unity-catalog/models/{full_name}/versions/{version}` and returns its body. */
export type FetchModelVersion = (fullName: string, version: string) => Promise<unknown>;

// Three non-empty parts: foundation-model (`databricks-…`) and external entities never match, so they cost no call.
const UNITY_CATALOG_NAME = /^[^.\s]+\.[^.\s]+\.[^.\s]+$/;
// An MLflow 3 model version's source names its logged model: `models:/m-<id>`.
const LOGGED_MODEL_SOURCE = /^models:\/(m-[^/?#]+)/;

/** Whether a served entity names a Unity Catalog model (`catalog.schema.model`). */
export function isUnityCatalogName(entityName: string): boolean {
  return UNITY_CATALOG_NAME.test(entityName);
}

/**
 * Reads a ModelVersionInfo: the MLflow run that logged the model, its source
 * and, for MLflow 3 models, the logged-model id (its own field, else the one
 * the `models:/m-…` source names). Undefined when none is present.
 */
export function parseModelVersion(body: unknown): UcModelVersion | undefined {
  if (!isRecord(body)) return undefined;
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const source = text(body.source);
  const modelId = text(body.model_id) ?? source?.match(LOGGED_MODEL_SOURCE)?.[1];
  const runId = text(body.run_id);
  if (!runId && !modelId && !source) return undefined;
  return { ...(runId ? { run_id: runId } : {}), ...(modelId ? { model_id: modelId } : {}), ...(source ? { source } : {}) };
}

/**
 * Ties each Unity Catalog served entity to its model version's run and model
 * id. The lookup is a nicety for the manifest: a denied or missing version
 * (or any failure) leaves that entity as it was and adds a warning, so the
 * run goes on.
 */
export async function attachUcModels(serving: ServingInfo, fetchVersion: FetchModelVersion): Promise<ServingInfo> {
  const warnings: string[] = [];
  const entities: ServingInfo["served_entities"] = [];
  // One at a time: an endpoint serves a handful of entities, and a fixed order keeps the request log reproducible.
  for (const entity of serving.served_entities) {
    entities.push(await withUcModel(entity, fetchVersion, warnings));
  }
  return { ...serving, served_entities: entities, ...(warnings.length > 0 ? { warnings } : {}) };
}

type ServedEntity = ServingInfo["served_entities"][number];

async function withUcModel(entity: ServedEntity, fetchVersion: FetchModelVersion, warnings: string[]): Promise<ServedEntity> {
  const { entity_name: name, entity_version: version } = entity;
  if (!name || !version || !isUnityCatalogName(name)) return entity;
  try {
    const ucModel = parseModelVersion(await fetchVersion(name, version));
    return ucModel ? { ...entity, uc_model: ucModel } : entity;
  } catch (error) {
    warnings.push(`Unity Catalog model ${name} version ${version} not resolved (${reasonOf(error)}); its run and model id are not recorded.`);
    return entity;
  }
}

// The status alone: the error body is the server's, and the warning lands in the manifest.
function reasonOf(error: unknown): string {
  if (error instanceof ProviderAPIError) return `HTTP ${error.status}`;
  return error instanceof Error ? error.message : String(error);
}
