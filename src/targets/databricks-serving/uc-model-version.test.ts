import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../providers/index.js";
import type { ServingInfo } from "./endpoint-info.js";
import { attachUcModels, isUnityCatalogName, parseModelVersion } from "./uc-model-version.js";

describe("isUnityCatalogName", () => {
  it("accepts catalog.schema.model and rejects foundation-model and two-level names", () => {
    expect(isUnityCatalogName("main.support.agent")).toBe(true);
    expect(isUnityCatalogName("databricks-meta-llama-3-3-70b-instruct")).toBe(false);
    expect(isUnityCatalogName("models.agent")).toBe(false);
    expect(isUnityCatalogName("a.b.c.d")).toBe(false);
    expect(isUnityCatalogName("main..agent")).toBe(false);
  });
});

describe("parseModelVersion", () => {
  it("takes run_id, source and the model_id field of an MLflow 3 model version", () => {
    const body = { model_name: "main.support.agent", version: 3, run_id: "r1", source: "models:/m-aaa", model_id: "m-bbb", status: "READY" };
    expect(parseModelVersion(body)).toEqual({ run_id: "r1", model_id: "m-bbb", source: "models:/m-aaa" });
  });

  it("reads the logged-model id from a models:/m-… source when the field is absent", () => {
    expect(parseModelVersion({ run_id: "r1", source: "models:/m-0123abcd" })).toEqual({ run_id: "r1", model_id: "m-0123abcd", source: "models:/m-0123abcd" });
  });

  it("records no model id for an MLflow 2 artifact source", () => {
    const source = "dbfs:/databricks/mlflow-tracking/1/r1/artifacts/model";
    expect(parseModelVersion({ run_id: "r1", source })).toEqual({ run_id: "r1", source });
  });

  it("is undefined for a body with none of the fields", () => {
    expect(parseModelVersion({ status: "READY", run_id: "" })).toBeUndefined();
    expect(parseModelVersion("not json")).toBeUndefined();
  });
});

describe("attachUcModels", () => {
  const serving: ServingInfo = {
    endpoint: "support-agent",
    served_entities: [
      { name: "agent-3", entity_name: "main.support.agent", entity_version: "3" },
      { name: "llama", entity_name: "databricks-meta-llama-3-3-70b-instruct", entity_version: "1" },
      { name: "agent-4", entity_name: "main.support.agent", entity_version: "4" },
    ],
    traffic: [],
  };

  it("looks up only Unity Catalog entities and keeps the others as they were", async () => {
    const asked: string[] = [];
    const result = await attachUcModels(serving, async (name, version) => {
      asked.push(`${name}/${version}`);
      return { run_id: `run-${version}` };
    });
    expect(asked).toEqual(["main.support.agent/3", "main.support.agent/4"]);
    expect(result.served_entities).toEqual([
      { name: "agent-3", entity_name: "main.support.agent", entity_version: "3", uc_model: { run_id: "run-3" } },
      { name: "llama", entity_name: "databricks-meta-llama-3-3-70b-instruct", entity_version: "1" },
      { name: "agent-4", entity_name: "main.support.agent", entity_version: "4", uc_model: { run_id: "run-4" } },
    ]);
    expect(result.warnings).toBeUndefined();
  });

  it("leaves an entity whose lookup fails unresolved and says so in a warning", async () => {
    const result = await attachUcModels(serving, async (_name, version) => {
      if (version === "3") throw new NotFoundError({ status: 404, body: '{"error_code":"RESOURCE_DOES_NOT_EXIST"}' });
      throw new Error("socket hang up");
    });
    expect(result.served_entities).toEqual(serving.served_entities);
    expect(result.warnings).toMatchInlineSnapshot(`
      [
        "Unity Catalog model main.support.agent version 3 not resolved (HTTP 404); its run and model id are not recorded.",
        "Unity Catalog model main.support.agent version 4 not resolved (socket hang up); its run and model id are not recorded.",
      ]
    `);
  });
});
