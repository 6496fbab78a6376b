import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, CredentialsError, TargetError } from "../../src/errors.js";
import { createHttpTarget, type Target } from "../../src/targets/index.js";
import { HttpTargetSchema } from "../../src/config/targets-schema.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { runCheck } from "../support/check-harness.js";
import { recordingTransport, trialContext } from "./support.js";

const TOKEN = "s3cret-search-token";
const TENANT = "tenant-7f3a";

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());
beforeEach(() => standin.reset());

function httpTarget(config: Record<string, unknown>, env: Record<string, string | undefined> = { SEARCH_TOKEN: TOKEN, TENANT }, maxAttempts = 3): Target {
  const parsed = HttpTargetSchema.parse({ type: "http", url: `${standin.url}/rag/answer?debug=1`, ...config });
  return createHttpTarget(parsed, { env, transport: recordingTransport(maxAttempts).transport });
}

const ragConfig = {
  headers: { Authorization: "Bearer ${SEARCH_TOKEN}", "X-Tenant": "${TENANT}", "X-Client": "evalgate-tests" },
  body: { query: "{{input.question}}", top_k: "{{input.k}}", filters: "{{input.filters}}", note: "case {{case_id}}, trial {{trial}}" },
  output: "$.answer",
  context: "$.retrieved",
  tool_calls: "$.steps[*].call",
  usage: "$.meta.usage",
};

describe("http target", () => {
  it("sends the rendered body with interpolated headers and maps the response with selectors", async () => {
    standin.route("POST", "/rag/answer", () => ({
      json: {
        answer: "Refunds take 5 business days.",
        retrieved: [{ id: "kb-12", content: "Refunds are processed within 5 business days.", score: 0.91 }],
        steps: [{ call: { name: "search_kb", arguments: '{"q":"refund"}' } }, { call: { name: "rerank", arguments: { k: 3 } } }],
        meta: { usage: { prompt_tokens: 310, completion_tokens: 12 } },
      },
    }));
    const target = httpTarget(ragConfig);
    await target.prepare?.();
    const result = await target.invoke({ question: "How long do refunds take?", k: 3, filters: { lang: "en" } }, trialContext({ caseId: "refund-1", trial: 2 }));

    expect(standin.requests).toHaveLength(1);
    const [request] = standin.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/rag/answer");
    expect(request?.query).toEqual({ debug: "1" });
    expect(request?.body).toEqual({ query: "How long do refunds take?", top_k: 3, filters: { lang: "en" }, note: "case refund-1, trial 2" });
    expect(request?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, "x-tenant": TENANT, "x-client": "evalgate-tests", "content-type": "application/json" });

    expect(result).toEqual({
      output: "Refunds take 5 business days.",
      trace: {
        context: [{ id: "kb-12", content: "Refunds are processed within 5 business days.", text: "Refunds are processed within 5 business days.", score: 0.91 }],
        tool_calls: [
          { name: "search_kb", arguments: { q: "refund" } },
          { name: "rerank", arguments: { k: 3 } },
        ],
        usage: { input_tokens: 310, output_tokens: 12 },
        attempts: 1,
      },
    });
    const recorded = JSON.stringify({ result, info: target.info });
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain(TENANT);
    expect(target.info).toEqual({ type: "http", description: `http POST ${standin.url}/rag/answer` });
  });

  it("defaults to posting the raw case input and taking the whole response as output", async () => {
    standin.route("POST", "/rag/answer", (ctx) => ({ json: { echoed: ctx.request.body } }));
    const target = httpTarget({});
    const result = await target.invoke({ question: "hi", k: 1 }, trialContext());
    expect(standin.requests[0]?.body).toEqual({ question: "hi", k: 1 });
    expect(result).toEqual({ output: { echoed: { question: "hi", k: 1 } }, trace: { attempts: 1 } });
  });

  it("sends no body with GET", async () => {
    standin.route("GET", "/rag/answer", () => ({ json: { answer: "pong" } }));
    const target = httpTarget({ method: "GET", output: "$.answer" });
    expect(await target.invoke("ignored", trialContext())).toEqual({ output: "pong", trace: { attempts: 1 } });
    expect(standin.requests[0]?.rawBody).toBe("");
  });

  it("raises a CredentialsError naming every missing variable in prepare, before any request", async () => {
    const target = httpTarget(ragConfig, { SEARCH_TOKEN: "" });
    const error = await target.prepare?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).variable).toBe("SEARCH_TOKEN, TENANT");
    expect((error as Error).message).toMatchInlineSnapshot(
      `"target (http ${standin.url}/rag/answer): headers reference environment variables SEARCH_TOKEN, TENANT, which are not set. Export SEARCH_TOKEN=… TENANT=… before running."`,
    );
    expect(standin.requests).toHaveLength(0);
  });

  it("fails the trial, naming the placeholder, when the case lacks a body field", async () => {
    const target = httpTarget(ragConfig);
    const error = await target.invoke({ question: "no k here" }, trialContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"http body template: placeholder {{input.k}}, {{input.filters}} has no value for this case; add the field to the case or change target.body."`,
    );
    expect(standin.requests).toHaveLength(0);
  });

  it("fails the trial when the output selector matches nothing", async () => {
    standin.route("POST", "/rag/answer", () => ({ json: { result: "x" } }));
    const error = await httpTarget({ output: "$.answer" }).invoke({}, trialContext()).catch((e: unknown) => e);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"http ${standin.url}/rag/answer: output selector $.answer matched nothing in the response; check target.output."`,
    );
  });

  it("records none made when the context or tool-call selector matches nothing, so checks fail the answer instead of erroring", async () => {
    // OpenAI-style bodies omit `tool_calls` when the model called no tool.
    standin.route("POST", "/rag/answer", () => ({ json: { answer: "I did not look anything up." } }));
    const result = await httpTarget({ output: "$.answer", context: "$.retrieved", tool_calls: "$.steps[*].call" }).invoke({}, trialContext());
    expect(result).toEqual({ output: "I did not look anything up.", trace: { attempts: 1, context: [], tool_calls: [] } });
    const verdict = await runCheck({ type: "tool-call", tool: "search_kb" }, { output: result.output, ...(result.trace ? { trace: result.trace } : {}) });
    expect(verdict).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "expected call search_kb not made (calls made: none)",
      }
    `);
  });

  it("ends a persistent 500 as an error carrying the status, after retrying, with header values redacted", async () => {
    // A server that echoes request headers into its error body must not leak them into results.
    standin.route("POST", "/rag/answer", (ctx) => ({
      status: 500,
      json: { error: `upstream failed for tenant ${ctx.request.headers["x-tenant"]} (${ctx.request.headers.authorization})` },
    }));
    const target = httpTarget({ ...ragConfig, retries: 2 });
    const error = await target.invoke({ question: "q", k: 1, filters: {} }, trialContext()).catch((e: unknown) => e);
    expect(standin.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 500, code: "PROVIDER_API_ERROR" });
    expect((error as Error).message).toContain("upstream failed for tenant [redacted]");
    expect((error as Error).message).not.toContain(TOKEN);
    expect((error as Error).message).not.toContain(TENANT);
  });

  it("rejects unsupported selectors and unknown placeholder roots when the target is built", () => {
    expect(() => httpTarget({ output: "$..answer" })).toThrow(ConfigError);
    expect(() => httpTarget({ context: "$.docs[?(@.score>0.5)]" })).toThrowError(/target\.context/);
    const typo = (() => {
      try {
        httpTarget({ body: { q: "{{inptu.question}}" } });
      } catch (error) {
        return error as ConfigError;
      }
    })();
    expect(typo?.issues).toEqual([
      { path: "target.body", message: "Unknown placeholder {{inptu.question}}; placeholders start with input, expected, case_id or trial" },
    ]);
  });
});
