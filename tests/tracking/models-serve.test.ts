import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabricksServingTargetSchema } from "../../src/config/targets-schema.js";
import { createTarget } from "../../src/targets/index.js";
import { serveModel, type ModelServer } from "../support/mlflow/model-server.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";

const SAVE_SCRIPT = fileURLToPath(new URL("../fixtures/pyfunc/save_model.py", import.meta.url));

let server: ModelServer;

beforeAll(async () => {
  server = await serveModel(SAVE_SCRIPT);
});

afterAll(async () => {
  await server?.stop();
});

const ctx = (caseId: string) => ({ runId: "run-1", caseId, trial: 0, signal: AbortSignal.timeout(60_000) });

describe("databricks-serving target against `mlflow models serve`", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("gets the pyfunc model's prediction for one dataframe record", async () => {
    const config = DatabricksServingTargetSchema.parse({ type: "databricks-serving", url: server.invocationsUrl, auth: "none", format: "dataframe-records" });
    const target = await createTarget(config);
    await target.prepare?.();
    const result = await target.invoke({ question: "How long do refunds take?" }, ctx("refunds"));
    // support_model.py: "<prefix>: <QUESTION UPPER-CASED> (<word count> words)".
    expect(result.output).toBe("answer: HOW LONG DO REFUNDS TAKE? (5 words)");
    await target.close?.();
  });

  it("passes MLflow params through to the model's predict", async () => {
    const config = DatabricksServingTargetSchema.parse({
      type: "databricks-serving",
      url: server.invocationsUrl,
      auth: "none",
      format: "dataframe-records",
      params: { prefix: "reply" },
    });
    const target = await createTarget(config);
    const result = await target.invoke({ question: "hi there" }, ctx("greeting"));
    expect(result.output).toBe("reply: HI THERE (2 words)");
  });

  it("surfaces the model server rejecting a record that lacks the model input column", async () => {
    const config = DatabricksServingTargetSchema.parse({ type: "databricks-serving", url: server.invocationsUrl, auth: "none", format: "dataframe-records" });
    const target = await createTarget(config);
    await expect(target.invoke({ text: "no question column" }, ctx("bad"))).rejects.toMatchObject({ status: 400, message: expect.stringContaining("question") });
  });
});
