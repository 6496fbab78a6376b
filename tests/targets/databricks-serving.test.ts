import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProvidersConfig } from "../../src/config/providers-schema.js";
import { DatabricksServingTargetSchema } from "../../src/config/targets-schema.js";
import { CredentialsError, TargetError } from "../../src/errors.js";
import { ProviderTimeoutError } from "../../src/providers/index.js";
import { createDatabricksServingTarget, createTarget, type ServingInfo, type Target } from "../../src/targets/index.js";
import { LOCAL_MODEL, registerDatabricksServing, type ServingScript } from "../support/standin/databricks-serving.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordingTransport, trialContext } from "./support.js";

// Shaped like a real workspace token (redaction matches the shape), built at run time so no token-like literal is committed.
const TOKEN = `dapi${"0123456789abcdef".repeat(2)}`;

let standin: Standin;
let serving: ServingScript;
let env: Record<string, string>;
let sleeps: number[];

beforeAll(async () => {
  standin = await startStandin({ apiKeys: [TOKEN] });
  serving = registerDatabricksServing(standin);
  // HOME points nowhere so a developer's ~/.databrickscfg never leaks into the test.
  env = { DATABRICKS_HOST: standin.url, DATABRICKS_TOKEN: TOKEN, HOME: "/nonexistent" };
});
afterAll(() => standin.close());
beforeEach(() => {
  standin.reset();
  serving.reset();
  standin.setServingEndpoint("support-agent", {
    configVersion: 4,
    servedEntities: [
      { name: "agent-3", entity_name: "main.support.agent", entity_version: "3" },
      { name: "agent-4", entity_name: "main.support.agent", entity_version: "4" },
    ],
    routes: [
      { served_model_name: "agent-3", traffic_percentage: 80 },
      { served_model_name: "agent-4", traffic_percentage: 20 },
    ],
  });
});

function servingTarget(config: Record<string, unknown>, options: { pollsUntilReady?: number } = {}): Target {
  const parsed = DatabricksServingTargetSchema.parse({ type: "databricks-serving", endpoint: "support-agent", ...config });
  const recording = recordingTransport(3);
  sleeps = recording.sleeps;
  let polls = 0;
  return createDatabricksServingTarget(parsed, {
    providerOptions: { env, transport: recording.transport },
    // Each readiness wait flips the endpoint to READY once enough polls have passed: no wall clock involved.
    sleep: async (ms) => {
      sleeps.push(ms);
      if (++polls >= (options.pollsUntilReady ?? Infinity)) standin.setServingEndpoint("support-agent", { ready: "READY" });
    },
  });
}

const invocations = () => standin.requests.filter((r) => r.path.endsWith("/invocations"));
const metadataCalls = () => standin.requests.filter((r) => r.path.startsWith("/api/2.0/serving-endpoints/"));
const ucCalls = () => standin.requests.filter((r) => r.path.startsWith("/api/2.1/unity-catalog/"));

function expectNoSecret(value: unknown): void {
  expect(JSON.stringify(value)).not.toContain(TOKEN);
  expect(value instanceof Error ? value.message : "").not.toContain(TOKEN);
}

describe("databricks-serving target: endpoint resolution", () => {
  it("records config version, served entities (with their model versions' run and model id) and traffic split of a READY endpoint on info", async () => {
    serving.modelVersion("main.support.agent", "3", { run_id: "run-3", source: "dbfs:/databricks/mlflow-tracking/1/run-3/artifacts/agent" });
    serving.modelVersion("main.support.agent", "4", { run_id: "run-4", source: "models:/m-4c0ffee" });
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    expect(metadataCalls()).toHaveLength(1);
    expect(metadataCalls()[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(target.info).toEqual({
      type: "databricks-serving",
      description: "databricks-serving support-agent (chat)",
      format: "chat",
      serving: {
        endpoint: "support-agent",
        config_version: 4,
        served_entities: [
          {
            name: "agent-3",
            entity_name: "main.support.agent",
            entity_version: "3",
            uc_model: { run_id: "run-3", source: "dbfs:/databricks/mlflow-tracking/1/run-3/artifacts/agent" },
          },
          {
            name: "agent-4",
            entity_name: "main.support.agent",
            entity_version: "4",
            uc_model: { run_id: "run-4", model_id: "m-4c0ffee", source: "models:/m-4c0ffee" },
          },
        ],
        traffic: [
          { served_model_name: "agent-3", traffic_percentage: 80 },
          { served_model_name: "agent-4", traffic_percentage: 20 },
        ],
      },
    });
    expectNoSecret(target.info);
  });

  it("fails fast on a NOT_READY endpoint, saying how to wait for it", async () => {
    standin.setServingEndpoint("support-agent", { ready: "NOT_READY", configUpdate: "IN_PROGRESS" });
    const target = servingTarget({ format: "chat" });
    const error = await target.prepare?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Serving endpoint "support-agent" is NOT_READY (config_update: IN_PROGRESS), not READY. Wait for it to finish deploying, or set wait_until_ready: { timeout_ms: 600000 } on the target to poll before the run."`,
    );
    expect(metadataCalls()).toHaveLength(1);
    expect(invocations()).toHaveLength(0);
  });

  it("polls until READY with wait_until_ready", async () => {
    standin.setServingEndpoint("support-agent", { ready: "NOT_READY", configUpdate: "IN_PROGRESS" });
    const target = servingTarget({ format: "chat", wait_until_ready: { timeout_ms: 60_000, poll_interval_ms: 5_000 } }, { pollsUntilReady: 2 });
    await target.prepare?.();
    expect(metadataCalls()).toHaveLength(3);
    expect(sleeps).toEqual([5_000, 5_000]);
  });

  it("gives up when the endpoint is not READY within wait_until_ready.timeout_ms", async () => {
    standin.setServingEndpoint("support-agent", { ready: "NOT_READY" });
    const target = servingTarget({ format: "chat", wait_until_ready: { timeout_ms: 30_000, poll_interval_ms: 10_000 } });
    const error = await target.prepare?.().catch((e: unknown) => e);
    expect(metadataCalls()).toHaveLength(4);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Serving endpoint "support-agent" is NOT_READY (config_update: NOT_UPDATING), not READY. It did not become READY within 30000 ms; raise wait_until_ready.timeout_ms or check the endpoint's events in Databricks."`,
    );
  });

  it("reports an unknown endpoint with Databricks' own error", async () => {
    const target = createDatabricksServingTarget(
      DatabricksServingTargetSchema.parse({ type: "databricks-serving", endpoint: "no-such-endpoint" }),
      { providerOptions: { env, transport: recordingTransport().transport } },
    );
    const error = await target.prepare?.().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toContain("RESOURCE_DOES_NOT_EXIST");
    expectNoSecret(error);
  });
});

describe("databricks-serving target: Unity Catalog model version", () => {
  const servedEntities = (target: Target) => (target.info.serving as ServingInfo).served_entities;

  it("looks each Unity Catalog entity's version up with the endpoint's credentials", async () => {
    serving.modelVersion("main.support.agent", "3", { run_id: "run-3", source: "models:/m-3", model_id: "m-3" });
    serving.modelVersion("main.support.agent", "4", { run_id: "run-4", source: "models:/m-4", model_id: "m-4" });
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    expect(ucCalls().map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      `GET /api/2.1/unity-catalog/models/main.support.agent/versions/3 Bearer ${TOKEN}`,
      `GET /api/2.1/unity-catalog/models/main.support.agent/versions/4 Bearer ${TOKEN}`,
    ]);
    expect(servedEntities(target).map((e) => e.uc_model)).toEqual([
      { run_id: "run-3", model_id: "m-3", source: "models:/m-3" },
      { run_id: "run-4", model_id: "m-4", source: "models:/m-4" },
    ]);
    expect((target.info.serving as ServingInfo).warnings).toBeUndefined();
  });

  it("runs on when a version is missing or not readable, recording nothing for it and a warning", async () => {
    serving.modelVersion("main.support.agent", "4", { errorStatus: 403 });
    serving.script("support-agent", "chat", { text: "Refunds take 5 days." });
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    const result = await target.invoke("How long do refunds take?", trialContext());

    expect(result.output).toBe("Refunds take 5 days.");
    // No retries: 403 and 404 are answers, not outages.
    expect(ucCalls()).toHaveLength(2);
    expect(servedEntities(target)).toEqual([
      { name: "agent-3", entity_name: "main.support.agent", entity_version: "3" },
      { name: "agent-4", entity_name: "main.support.agent", entity_version: "4" },
    ]);
    expect((target.info.serving as ServingInfo).warnings).toMatchInlineSnapshot(`
      [
        "Unity Catalog model main.support.agent version 3 not resolved (HTTP 404); its run and model id are not recorded.",
        "Unity Catalog model main.support.agent version 4 not resolved (HTTP 403); its run and model id are not recorded.",
      ]
    `);
    expectNoSecret(target.info);
  });

  it("makes no lookup for foundation-model entities, which are not Unity Catalog names", async () => {
    standin.setServingEndpoint("support-agent", {
      servedEntities: [{ name: "llama", entity_name: "databricks-meta-llama-3-3-70b-instruct", entity_version: "1" }],
      routes: [{ served_model_name: "llama", traffic_percentage: 100 }],
    });
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    expect(ucCalls()).toHaveLength(0);
    expect(servedEntities(target)).toEqual([{ name: "llama", entity_name: "databricks-meta-llama-3-3-70b-instruct", entity_version: "1" }]);
  });
});

describe("databricks-serving target: formats", () => {
  it("chat: sends OpenAI-style messages with params and reads choices[0].message.content", async () => {
    serving.script("support-agent", "chat", { text: "Refunds take 5 days." });
    const target = servingTarget({ format: "chat", params: { temperature: 0, max_tokens: 128 } });
    await target.prepare?.();
    const result = await target.invoke("How long do refunds take?", trialContext());

    const [request] = invocations();
    expect(request?.path).toBe("/serving-endpoints/support-agent/invocations");
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toEqual({ messages: [{ role: "user", content: "How long do refunds take?" }], temperature: 0, max_tokens: 128 });
    expect(result).toEqual({
      output: "Refunds take 5 days.",
      // No tool calls in the answer is recorded as none made, so a tool-call check fails rather than errors.
      trace: { usage: { input_tokens: 7, output_tokens: 5 }, model: "support-agent", served_model_name: "agent-3", tool_calls: [] },
    });
    expectNoSecret(result);
  });

  it("responses-agent: sends input, custom_inputs and return_trace; maps output text, tool calls and the returned trace", async () => {
    serving.script("support-agent", "responses-agent", {
      text: "Order A1 shipped yesterday.",
      toolCalls: [{ name: "get_order", arguments: { id: "A1" }, output: { status: "shipped" } }],
      documents: [
        { page_content: "Orders ship within 2 days.", metadata: { doc_uri: "kb/shipping.md", chunk_id: "3" } },
        { page_content: "Tracking links arrive by email.", metadata: { doc_uri: "kb/tracking.md" } },
      ],
      servedModel: "agent-4",
    });
    const target = servingTarget({ format: "responses-agent", custom_inputs: { user_id: "u-9" }, return_trace: true });
    await target.prepare?.();
    const messages = [
      { role: "system", content: "You are Acme support." },
      { role: "user", content: "Where is order A1?" },
    ];
    const result = await target.invoke(messages, trialContext());

    expect(invocations()[0]?.body).toEqual({ input: messages, custom_inputs: { user_id: "u-9" }, databricks_options: { return_trace: true } });
    expect(result.output).toBe("Order A1 shipped yesterday.");
    expect(result.trace).toEqual({
      context: [
        { page_content: "Orders ship within 2 days.", metadata: { doc_uri: "kb/shipping.md", chunk_id: "3" }, id: "kb/shipping.md", text: "Orders ship within 2 days." },
        { page_content: "Tracking links arrive by email.", metadata: { doc_uri: "kb/tracking.md" }, id: "kb/tracking.md", text: "Tracking links arrive by email." },
      ],
      tool_calls: [{ name: "get_order", arguments: { id: "A1" }, id: "call_1", output: '{"status":"shipped"}' }],
      mlflow_trace_id: "tr-1",
      served_model_name: "agent-4",
    });
  });

  it("responses-agent without return_trace sends no databricks_options, records no context and no tool calls made", async () => {
    serving.script("support-agent", "responses-agent", { text: "Hello." });
    const target = servingTarget({ format: "responses-agent" });
    const result = await target.invoke("Hi", trialContext());
    expect(invocations()[0]?.body).toEqual({ input: [{ role: "user", content: "Hi" }] });
    expect(result).toEqual({ output: "Hello.", trace: { served_model_name: "agent-3", tool_calls: [] } });
  });

  it("warns once per run when return_trace is set and the endpoint answers without a trace, and not when it returns one", async () => {
    serving.script("support-agent", "responses-agent", { text: "Hello.", ignoreReturnTrace: true, times: 3 });
    const target = servingTarget({ format: "responses-agent", return_trace: true });
    const warnings: string[] = [];
    for (const trial of [0, 1, 2]) await target.invoke("Hi", trialContext({ trial, warn: (m) => warnings.push(m) }));
    expect(warnings).toMatchInlineSnapshot(`
      [
        "databricks-serving support-agent (responses-agent): return_trace is set but the endpoint answered without databricks_output.trace, so trials record no retrieved context or tool spans from it. Enable tracing on the served model (an MLflow 3 agent logged with tracing), or remove return_trace.",
      ]
    `);

    serving.script("support-agent", "responses-agent", { text: "Hello." });
    const tracing = servingTarget({ format: "responses-agent", return_trace: true });
    const none: string[] = [];
    await tracing.invoke("Hi", trialContext({ warn: (m) => none.push(m) }));
    expect(none).toEqual([]);
  });

  it("chat-agent: sends messages and takes the last assistant message and its tool calls", async () => {
    serving.script("support-agent", "chat-agent", { text: "It is 21°C in Oslo.", toolCalls: [{ name: "weather", arguments: { city: "Oslo" }, output: 21 }] });
    const target = servingTarget({ format: "chat-agent", return_trace: true });
    const result = await target.invoke({ messages: [{ role: "user", content: "Weather in Oslo?" }] }, trialContext());
    expect(invocations()[0]?.body).toEqual({ messages: [{ role: "user", content: "Weather in Oslo?" }], databricks_options: { return_trace: true } });
    expect(result.output).toBe("It is 21°C in Oslo.");
    expect(result.trace?.tool_calls).toEqual([{ name: "weather", arguments: { city: "Oslo" }, id: "call_1" }]);
    expect(result.trace?.mlflow_trace_id).toBe("tr-1");
  });

  it("dataframe-records: sends one record with MLflow params and answers with the first prediction", async () => {
    serving.script("support-agent", "dataframe-records", { predictions: [{ answer: "42", sources: ["a"] }] });
    const target = servingTarget({ format: "dataframe-records", params: { top_k: 2 } });
    const result = await target.invoke({ question: "meaning?", lang: "en" }, trialContext());
    expect(invocations()[0]?.body).toEqual({ dataframe_records: [{ question: "meaning?", lang: "en" }], params: { top_k: 2 } });
    expect(result).toEqual({ output: { answer: "42", sources: ["a"] }, trace: { served_model_name: "agent-3" } });
  });

  it("dataframe-split: sends columns and data", async () => {
    serving.script("support-agent", "dataframe-split", { predictions: ["positive"] });
    const target = servingTarget({ format: "dataframe-split" });
    const result = await target.invoke({ text: "great", source: "app" }, trialContext());
    expect(invocations()[0]?.body).toEqual({ dataframe_split: { columns: ["text", "source"], data: [["great", "app"]] } });
    expect(result.output).toBe("positive");
  });

  it("inputs: sends the input as is and keeps all predictions for several rows", async () => {
    serving.script("support-agent", "inputs", { predictions: [0.1, 0.9] });
    const target = servingTarget({ format: "inputs" });
    const result = await target.invoke(["first", "second"], trialContext());
    expect(invocations()[0]?.body).toEqual({ inputs: ["first", "second"] });
    expect(result.output).toEqual([0.1, 0.9]);
  });

  it("records the served-model-name of every trial under a traffic split", async () => {
    serving.script(
      "support-agent",
      "chat",
      { text: "a", servedModel: "agent-3" },
      { text: "b", servedModel: "agent-4" },
      { text: "c", servedModel: "agent-3" },
    );
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    const served = [];
    for (const trial of [0, 1, 2]) served.push((await target.invoke("q", trialContext({ trial }))).trace?.served_model_name);
    expect(served).toEqual(["agent-3", "agent-4", "agent-3"]);
    expect(metadataCalls()).toHaveLength(1);
  });
});

describe("databricks-serving target: failures", () => {
  it("waits out a 429 for its Retry-After and then succeeds", async () => {
    serving.script("support-agent", "chat", { fault: { status: 429, retryAfter: 2, message: "Too many requests" } }, { text: "ok" });
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    const result = await target.invoke("q", trialContext());
    expect(result.output).toBe("ok");
    expect(invocations()).toHaveLength(2);
    expect(sleeps).toEqual([2_000]);
  });

  it("ends a persistent 500 as an error with the status and Databricks' message, never the token", async () => {
    serving.script("support-agent", "chat", { fault: { status: 500, message: "Model crashed while loading" } });
    const target = servingTarget({ format: "chat" });
    await target.prepare?.();
    const error = await target.invoke("q", trialContext()).catch((e: unknown) => e);
    expect(invocations()).toHaveLength(3);
    expect(error).toMatchObject({ status: 500, code: "PROVIDER_API_ERROR" });
    expect((error as Error).message).toContain('"error_code":"INTERNAL_ERROR"');
    expect((error as Error).message).toContain("Model crashed while loading");
    expectNoSecret(error);
  });

  it("explains a response that does not match the configured format", async () => {
    serving.script("support-agent", "chat", { rawBody: { predictions: ["x"] } });
    const target = servingTarget({ format: "chat" });
    const error = await target.invoke("q", trialContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatch(/has no choices\[0\]\.message/);
  });
});

describe("databricks-serving target: credentials", () => {
  it("stops in prepare with a CredentialsError when no Databricks credentials are set", async () => {
    const target = createDatabricksServingTarget(DatabricksServingTargetSchema.parse({ type: "databricks-serving", endpoint: "support-agent" }), {
      providerOptions: { env: { DATABRICKS_HOST: standin.url, HOME: "/nonexistent" }, transport: recordingTransport().transport },
    });
    const error = await target.prepare?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).variable).toBe("DATABRICKS_TOKEN");
    expect(standin.requests).toHaveLength(0);
  });

  it("exchanges OAuth client credentials once and sends the issued token on every call", async () => {
    const oauth = await startStandin({ oauthClients: { "sp-client": "sp-secret-value" } });
    try {
      const script = registerDatabricksServing(oauth);
      oauth.setServingEndpoint("support-agent", {});
      script.script("support-agent", "chat", { text: "one", times: 2 });
      const target = createDatabricksServingTarget(DatabricksServingTargetSchema.parse({ type: "databricks-serving", endpoint: "support-agent" }), {
        providerOptions: {
          env: { DATABRICKS_HOST: oauth.url, DATABRICKS_CLIENT_ID: "sp-client", DATABRICKS_CLIENT_SECRET: "sp-secret-value", HOME: "/nonexistent" },
          transport: recordingTransport().transport,
        },
      });
      await target.prepare?.();
      const results = [await target.invoke("a", trialContext()), await target.invoke("b", trialContext({ trial: 1 }))];
      expect(oauth.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "POST /oidc/v1/token",
        "GET /api/2.0/serving-endpoints/support-agent",
        "POST /serving-endpoints/support-agent/invocations",
        "POST /serving-endpoints/support-agent/invocations",
      ]);
      const issued = oauth.requests[1]?.headers.authorization;
      expect(issued).toMatch(/^Bearer \S+$/);
      expect(oauth.requests.slice(2).map((r) => r.headers.authorization)).toEqual([issued, issued]);
      expect(JSON.stringify(results)).not.toContain("sp-secret-value");
    } finally {
      await oauth.close();
    }
  });
});

describe("databricks-serving target: direct url (mlflow models serve)", () => {
  it("posts to the url without resolving an endpoint or sending credentials", async () => {
    // `mlflow models serve` takes no credentials: a stand-in that accepts any request.
    const local = await startStandin();
    try {
      registerDatabricksServing(local).script(LOCAL_MODEL, "dataframe-records", { predictions: ["Paris"] });
      const target = createDatabricksServingTarget(
        DatabricksServingTargetSchema.parse({ type: "databricks-serving", url: `${local.url}/invocations`, auth: "none", format: "dataframe-records" }),
        { providerOptions: { transport: recordingTransport().transport } },
      );
      await target.prepare?.();
      const result = await target.invoke({ question: "Capital of France?" }, trialContext());
      expect(local.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /invocations"]);
      expect(local.requests[0]?.headers.authorization).toBeUndefined();
      expect(local.requests[0]?.body).toEqual({ dataframe_records: [{ question: "Capital of France?" }] });
      expect(result.output).toBe("Paris");
      expect(target.info).toEqual({ type: "databricks-serving", description: `serving ${local.url}/invocations (dataframe-records)`, format: "dataframe-records" });
    } finally {
      await local.close();
    }
  });
});

describe("databricks-serving target: the suite's providers.databricks block", () => {
  /** A target built the way the runner builds it: createTarget with the suite's providers block. */
  function fromSuite(providers: ProvidersConfig, targetEnv: Record<string, string>, target: Record<string, unknown> = {}): Promise<Target> {
    const config = DatabricksServingTargetSchema.parse({ type: "databricks-serving", endpoint: "support-agent", format: "chat", ...target });
    return createTarget(config, { providers: { config: providers, env: targetEnv, baseDir: "/suites/qa" } });
  }

  it("reads credentials from the profile it names, over DATABRICKS_CONFIG_PROFILE", async () => {
    const home = await mkdtemp(join(tmpdir(), "evalgate-databrickscfg-"));
    // DEFAULT points at a port nothing listens on: using it would fail the call.
    await writeFile(join(home, ".databrickscfg"), `[DEFAULT]\nhost = http://127.0.0.1:9\ntoken = dapi-wrong\n\n[staging]\nhost = ${standin.url}\ntoken = ${TOKEN}\n`);
    serving.script("support-agent", "chat", { text: "From staging." });
    const target = await fromSuite({ databricks: { profile: "staging" } }, { HOME: home, DATABRICKS_CONFIG_PROFILE: "DEFAULT" });
    await target.prepare?.();
    const result = await target.invoke("q", trialContext());
    expect(result.output).toBe("From staging.");
    expect(standin.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      `GET /api/2.0/serving-endpoints/support-agent Bearer ${TOKEN}`,
      `GET /api/2.1/unity-catalog/models/main.support.agent/versions/3 Bearer ${TOKEN}`,
      `GET /api/2.1/unity-catalog/models/main.support.agent/versions/4 Bearer ${TOKEN}`,
      `POST /serving-endpoints/support-agent/invocations Bearer ${TOKEN}`,
    ]);
  });

  it("makes exactly max_attempts requests: with 1, a 500 fails after one", async () => {
    serving.script("support-agent", "chat", { fault: { status: 500, message: "Model crashed while loading" } });
    const target = await fromSuite({ databricks: { max_attempts: 1 } }, env);
    await target.prepare?.();
    const error = await target.invoke("q", trialContext()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: "PROVIDER_API_ERROR" });
    expect(invocations()).toHaveLength(1);
  });

  it("gives up on an attempt after providers.databricks.timeout_ms", async () => {
    serving.script("support-agent", "chat", { fault: { latencyMs: 1_000 } });
    const target = await fromSuite({ databricks: { timeout_ms: 50, max_attempts: 1 } }, env);
    await target.prepare?.();
    const error = await target.invoke("q", trialContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as Error).message).toContain("within 50 ms");
    expect(invocations()).toHaveLength(1);
  });

  it("lets the target's own timeout_ms win over the providers block", async () => {
    serving.script("support-agent", "chat", { fault: { latencyMs: 1_000 } });
    const target = await fromSuite({ databricks: { timeout_ms: 30_000, max_attempts: 1 } }, env, { timeout_ms: 50 });
    await target.prepare?.();
    const error = await target.invoke("q", trialContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as Error).message).toContain("within 50 ms");
  });
});
