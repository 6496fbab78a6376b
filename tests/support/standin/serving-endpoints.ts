import { credentialOf, type HandlerResult, type RouteContext, type Standin } from "./server.js";

/** What GET /api/2.0/serving-endpoints/{name} reports, in the REST API's shape. */
export interface ServingEndpointInfo {
  ready?: "READY" | "NOT_READY";
  configUpdate?: "NOT_UPDATING" | "IN_PROGRESS" | "UPDATE_FAILED" | "UPDATE_CANCELED";
  configVersion?: number;
  servedEntities?: { name: string; entity_name: string; entity_version: string }[];
  routes?: { served_model_name: string; traffic_percentage: number }[];
  /** "llm/v1/chat" for chat models; custom models have none. */
  task?: string;
}

const errorBody = (status: number, message: string) => ({
  error_code: status === 404 ? "RESOURCE_DOES_NOT_EXIST" : status === 401 ? "UNAUTHENTICATED" : "INTERNAL_ERROR",
  message,
});

export function registerServingEndpoints(standin: Standin): void {
  standin.route(
    "GET",
    "/api/2.0/serving-endpoints/:name",
    (ctx: RouteContext): HandlerResult => {
      if (!ctx.standin.isAuthorized(credentialOf(ctx.request))) return { status: 401, json: errorBody(401, "Invalid access token.") };
      const name = ctx.params.name ?? "";
      const info = ctx.standin.servingEndpoint(name);
      if (!info) return { status: 404, json: errorBody(404, `Endpoint with name '${name}' does not exist.`) };
      const entities = info.servedEntities ?? [{ name: `${name}-1`, entity_name: `models.${name}`, entity_version: "1" }];
      return {
        json: {
          name,
          id: `endpoint-${name}`,
          ...(info.task ? { task: info.task } : {}),
          state: { ready: info.ready ?? "READY", config_update: info.configUpdate ?? "NOT_UPDATING" },
          config: {
            config_version: info.configVersion ?? 1,
            served_entities: entities,
            traffic_config: {
              routes: info.routes ?? entities.map((e, i) => ({ served_model_name: e.name, traffic_percentage: i === 0 ? 100 : 0 })),
            },
          },
        },
      };
    },
    { errorBody, requestIdHeader: "x-request-id" },
  );
}
