import { userInfo } from "node:os";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../../src/providers/index.js";
import { pushRunToMlflow } from "../../src/tracking/index.js";
import { MLFLOW_TEST_TIMEOUT_MS } from "../support/mlflow/timeouts.js";
import { copyFixtureRun, readTraces, useMlflowServer } from "./helpers.js";

const server = useMlflowServer();

const trialKey = (t: any) => `${t.trace_info.tags["evalgate.case_id"]}#${t.trace_info.tags["evalgate.trial"]}`;
/** A span attribute as read back: an OTLP AnyValue, decoded to the JSON value it encodes. */
const spanAttribute = (span: any, key: string) => fromAnyValue(span.attributes.find((a: any) => a.key === key)?.value);

function fromAnyValue(value: any): unknown {
  if (value === undefined) return undefined;
  if ("string_value" in value) return value.string_value;
  if ("int_value" in value) return Number(value.int_value);
  if ("double_value" in value) return value.double_value;
  if ("bool_value" in value) return value.bool_value;
  if ("array_value" in value) return (value.array_value.values ?? []).map(fromAnyValue);
  if ("kvlist_value" in value) return Object.fromEntries((value.kvlist_value.values ?? []).map((kv: any) => [kv.key, fromAnyValue(kv.value)]));
  return null;
}

describe("a pushed run looks in MLflow as mlflow.genai.evaluate would make it", { timeout: MLFLOW_TEST_TIMEOUT_MS }, () => {
  it("logs each case's expected fields as expectations from a HUMAN source, the run's user", async () => {
    const runDir = await copyFixtureRun("20250102-030405-expectations", (text) =>
      text.replace('"case_id":"greeting","trial":0,', '"case_id":"greeting","trial":0,"expected":"Hello!",'),
    );
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "expectations", env: { MLFLOW_TRACKING_USERNAME: "reviewer@example.com" } });
    const traces = new Map((await readTraces(server.rest, result.experimentId, result.mlflowRunId)).map((t) => [trialKey(t), t]));
    const expectationsOf = (key: string) => (traces.get(key).trace_info.assessments ?? []).filter((a: any) => a.expectation);

    const [keywords, ...others] = expectationsOf("refund-policy#0");
    expect(others).toEqual([]);
    expect(keywords).toMatchObject({
      assessment_name: "keywords",
      source: { source_type: "HUMAN", source_id: "reviewer@example.com" },
      // A list travels as JSON text, as MLflow's ExpectationValue.to_proto sends it.
      expectation: { serialized_value: { serialization_format: "JSON_FORMAT", value: '["refund"]' } },
      metadata: { "mlflow.assessment.sourceRunId": result.mlflowRunId },
    });
    // A non-object expected is logged under the name MLflow's Correctness scorer reads.
    expect(expectationsOf("greeting#0").map((a: any) => [a.assessment_name, a.expectation])).toEqual([["expected_response", { value: "Hello!" }]]);
    expect(expectationsOf("greeting#1")).toEqual([]);
  });

  it("names the login user as the expectations' source when MLFLOW_TRACKING_USERNAME is unset", async () => {
    const runDir = await copyFixtureRun("20250102-030405-expectation-user");
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "expectation-user", env: {} });
    const sources = (await readTraces(server.rest, result.experimentId, result.mlflowRunId))
      .flatMap((t) => t.trace_info.assessments ?? [])
      .filter((a: any) => a.expectation)
      .map((a: any) => a.source);
    expect(sources).toEqual([
      { source_type: "HUMAN", source_id: userInfo().username },
      { source_type: "HUMAN", source_id: userInfo().username },
    ]);
  });

  it("logs each tool call as a TOOL span under the pipeline span, with its arguments and output", async () => {
    const calls = [
      { name: "lookup_order", arguments: { order_id: "A1" }, id: "call_1", output: { status: "shipped" } },
      { name: "send_email", arguments: { to: "a@example.com" } },
    ];
    const runDir = await copyFixtureRun("20250102-030405-tools", (text) =>
      text.replace('"trace":{"usage":{"input_tokens":40', `"trace":{"tool_calls":${JSON.stringify(calls)},"usage":{"input_tokens":40`),
    );
    const result = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "tools", env: {} });
    const trace = (await readTraces(server.rest, result.experimentId, result.mlflowRunId)).find((t) => trialKey(t) === "greeting#0");
    const root = trace.spans.find((s: any) => s.name === "pipeline");
    const tools = trace.spans.filter((s: any) => spanAttribute(s, "mlflow.spanType") === "TOOL");
    expect(tools.map((s: any) => [s.name, s.parent_span_id === root.span_id, spanAttribute(s, "mlflow.spanInputs"), spanAttribute(s, "mlflow.spanOutputs")])).toEqual([
      ["lookup_order", true, { order_id: "A1" }, { status: "shipped" }],
      ["send_email", true, { to: "a@example.com" }, undefined],
    ]);
  });

  it("redoing an interrupted push deletes the dead push's traces: the experiment holds one trace per trial", async () => {
    const runDir = await copyFixtureRun("20250102-030405-orphans");
    // The push dies after every trace is logged, just before it marks the run complete.
    const dyingAtTheEnd: FetchLike = async (input, init) => {
      if (new URL(String(input)).pathname === "/api/2.0/mlflow/runs/log-batch" && String(init?.body).includes("evalgate.push_complete")) {
        return new Response(JSON.stringify({ error_code: "INTERNAL_ERROR", message: "connection lost" }), { status: 400 });
      }
      return fetch(input, init);
    };
    const died = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "orphans", env: {}, client: { fetch: dyingAtTheEnd } }).catch((e: Error) => e);
    expect(died).toBeInstanceOf(Error);
    const { experiment } = await server.rest("/api/2.0/mlflow/experiments/get-by-name?experiment_name=orphans");
    const allTraces = async () =>
      (
        await server.rest("/api/3.0/mlflow/traces/search", {
          locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experiment.experiment_id } }],
          max_results: 100,
        })
      ).traces ?? [];
    expect(await allTraces()).toHaveLength(4);

    const redo = await pushRunToMlflow({ runDir, trackingUri: server.url, experiment: "orphans", env: {} });
    expect(redo.created).toBe(true);
    const traces = await allTraces();
    expect(traces.map((t: any) => t.trace_metadata["mlflow.sourceRun"])).toEqual([redo.mlflowRunId, redo.mlflowRunId, redo.mlflowRunId, redo.mlflowRunId]);
  });
});
