import { describe, expect, it } from "vitest";
import { createTransport } from "../providers/index.js";
import type { MlflowConnection } from "./connection.js";
import { createMlflowClient } from "./mlflow-client.js";

interface Sent {
  url: string;
  method: string;
  body: any;
  bytes: number;
}

/** A fetch that records each request and answers from `reply` (default: 200 {}). */
function recordingFetch(reply: (sent: Sent, attempt: number) => Response = () => Response.json({})) {
  const sent: Sent[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const text = typeof init?.body === "string" ? init.body : "";
    const request = { url: String(input), method: init?.method ?? "GET", body: text ? JSON.parse(text) : undefined, bytes: Buffer.byteLength(text) };
    sent.push(request);
    return reply(request, sent.length);
  };
  return { sent, fetch };
}

const connection: MlflowConnection = { kind: "oss", baseUrl: "http://mlflow.test", authHeaders: async () => ({ authorization: "Bearer t0ken-value" }) };

describe("MLflow client", () => {
  it("sends log-batch in as many requests as the server limits require", async () => {
    const { sent, fetch } = recordingFetch();
    const client = createMlflowClient(connection, { fetch });
    const result = await client.logBatch("run-1", {
      metrics: Array.from({ length: 1500 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1, step: 0 })),
      params: Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: "v" })),
      tags: [],
    });
    expect(result.requests).toBe(3);
    expect(sent).toHaveLength(3);
    expect(sent.every((r) => r.url === "http://mlflow.test/api/2.0/mlflow/runs/log-batch" && r.body.run_id === "run-1")).toBe(true);
    expect(sent.map((r) => [r.body.params.length, r.body.metrics.length])).toEqual([
      [100, 0],
      [50, 950],
      [0, 550],
    ]);
    for (const r of sent) expect(r.bytes).toBeLessThan(1_000_000);
  });

  it("retries a log-batch answered with 503 through the transport", async () => {
    const { sent, fetch } = recordingFetch((_, attempt) => (attempt === 1 ? new Response("busy", { status: 503 }) : Response.json({})));
    const transport = createTransport({ fetch, sleep: async () => {}, random: () => 0 });
    const client = createMlflowClient(connection, { transport });
    await client.logBatch("run-1", { metrics: [], params: [{ key: "a", value: "b" }], tags: [] });
    expect(sent).toHaveLength(2);
  });

  it("links traces to a run in chunks of at most 100 ids", async () => {
    const { sent, fetch } = recordingFetch();
    const client = createMlflowClient(connection, { fetch });
    const ids = Array.from({ length: 250 }, (_, i) => `tr-${i}`);
    expect(await client.linkTracesToRun("run-1", ids)).toBe(true);
    expect(sent.map((r) => r.body.trace_ids.length)).toEqual([100, 100, 50]);
    expect(sent.flatMap((r) => r.body.trace_ids)).toEqual(ids);
  });

  it("reports a server without link-to-run instead of failing", async () => {
    const { fetch } = recordingFetch(() => Response.json({ error_code: "ENDPOINT_NOT_FOUND" }, { status: 404 }));
    const client = createMlflowClient(connection, { fetch });
    expect(await client.linkTracesToRun("run-1", ["tr-1"])).toBe(false);
  });

  it("treats a missing experiment as undefined and creates it", async () => {
    let created = false;
    const { sent, fetch } = recordingFetch((r) => {
      if (r.url.includes("get-by-name")) {
        return created
          ? Response.json({ experiment: { experiment_id: "7", name: "/Shared/support-bot-evals" } })
          : Response.json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "no experiment" }, { status: 404 });
      }
      created = true;
      return Response.json({ experiment_id: "7" });
    });
    const client = createMlflowClient(connection, { fetch });
    const experiment = await client.getOrCreateExperiment("/Shared/support-bot-evals");
    expect(experiment.experiment_id).toBe("7");
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /api/2.0/mlflow/experiments/get-by-name",
      "POST /api/2.0/mlflow/experiments/create",
      "GET /api/2.0/mlflow/experiments/get-by-name",
    ]);
    expect(new URL(sent[0]!.url).searchParams.get("experiment_name")).toBe("/Shared/support-bot-evals");
  });
});
