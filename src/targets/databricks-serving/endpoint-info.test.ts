import { describe, expect, it } from "vitest";
import { parseEndpointStatus } from "./endpoint-info.js";

describe("parseEndpointStatus", () => {
  it("records readiness, config version, served entities and the traffic split", () => {
    const body = {
      name: "support-agent",
      state: { ready: "READY", config_update: "NOT_UPDATING" },
      config: {
        config_version: 7,
        served_entities: [
          { name: "agent-3", entity_name: "main.support.agent", entity_version: "3", workload_size: "Small" },
          { name: "agent-4", entity_name: "main.support.agent", entity_version: "4" },
        ],
        traffic_config: {
          routes: [
            { served_model_name: "agent-3", traffic_percentage: 90 },
            { served_model_name: "agent-4", traffic_percentage: 10 },
          ],
        },
      },
    };
    expect(parseEndpointStatus("support-agent", body)).toEqual({
      ready: "READY",
      configUpdate: "NOT_UPDATING",
      serving: {
        endpoint: "support-agent",
        config_version: 7,
        served_entities: [
          { name: "agent-3", entity_name: "main.support.agent", entity_version: "3" },
          { name: "agent-4", entity_name: "main.support.agent", entity_version: "4" },
        ],
        traffic: [
          { served_model_name: "agent-3", traffic_percentage: 90 },
          { served_model_name: "agent-4", traffic_percentage: 10 },
        ],
      },
    });
  });

  it("reads legacy served_models and an endpoint with no state", () => {
    const status = parseEndpointStatus("old", { config: { served_models: [{ name: "m-1", model_name: "m", model_version: 1 }] } });
    expect(status.ready).toBe("UNKNOWN");
    expect(status.serving.served_entities).toEqual([{ name: "m-1", entity_name: "m", entity_version: "1" }]);
    expect(status.serving.traffic).toEqual([]);
  });
});
