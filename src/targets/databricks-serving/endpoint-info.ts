import { isRecord } from "../internal/trace-fields.js";

/** What a Unity Catalog model version says about where the served model came from. */
export interface UcModelVersion {
  /** The MLflow run that logged the model. */
  run_id?: string;
  /** The MLflow 3 logged-model id (`m-…`). */
  model_id?: string;
  source?: string;
}

/** What a run records about the endpoint it evaluated (run manifest, MLflow tags). */
export interface ServingInfo {
  endpoint: string;
  config_version?: number;
  served_entities: { name: string; entity_name?: string; entity_version?: string; uc_model?: UcModelVersion }[];
  traffic: { served_model_name: string; traffic_percentage: number }[];
  /** Lookups that failed without failing the run (e.g. a model version the caller may not read). */
  warnings?: string[];
}

export interface EndpointStatus {
  /** `state.ready`: "READY" or "NOT_READY". */
  ready: string;
  /** `state.config_update`, e.g. "IN_PROGRESS" while a new version rolls out. */
  configUpdate?: string;
  serving: ServingInfo;
}

/**
 * Reads `GET /api/2.0/serving-endpoints/{name}`. Older endpoints list
 * `served_models` (`model_name`/`model_version`) instead of `served_entities`;
 * both are read so the manifest names what answered either way.
 */
export function parseEndpointStatus(endpoint: string, body: unknown): EndpointStatus {
  const record = isRecord(body) ? body : {};
  const state = isRecord(record.state) ? record.state : {};
  const config = isRecord(record.config) ? record.config : isRecord(record.pending_config) ? record.pending_config : {};
  const entities = [...asRecords(config.served_entities), ...asRecords(config.served_models)].map((entity) => ({
    name: String(entity.name ?? ""),
    ...optionalString("entity_name", entity.entity_name ?? entity.model_name),
    ...optionalString("entity_version", entity.entity_version ?? entity.model_version),
  }));
  const routes = isRecord(config.traffic_config) ? asRecords(config.traffic_config.routes) : [];
  const traffic = routes.map((route) => ({
    served_model_name: String(route.served_model_name ?? route.served_entity_name ?? ""),
    traffic_percentage: typeof route.traffic_percentage === "number" ? route.traffic_percentage : 0,
  }));
  return {
    ready: typeof state.ready === "string" ? state.ready : "UNKNOWN",
    ...(typeof state.config_update === "string" ? { configUpdate: state.config_update } : {}),
    serving: {
      endpoint,
      ...(typeof config.config_version === "number" ? { config_version: config.config_version } : {}),
      served_entities: entities,
      traffic,
    },
  };
}

function asRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  if (typeof value === "string" || typeof value === "number") return { [key]: String(value) } as Record<K, string>;
  return {};
}
