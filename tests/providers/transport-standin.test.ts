import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MalformedResponseError, NotFoundError, ProviderTimeoutError } from "../../src/providers/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { testTransport } from "./helpers.js";

describe("transport.request against the stand-in", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(() => standin.close());
  beforeEach(() => standin.reset());

  it("counts a body that trickles in past the timeout as a timeout", async () => {
    standin.setServingEndpoint("slow", {});
    standin.injectFault({ slowBodyMs: 100 });
    const { transport } = testTransport({ timeoutMs: 150, maxAttempts: 1 });
    const error = await transport.request({ url: `${standin.url}/api/2.0/serving-endpoints/slow` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
  });

  it("retries a dropped connection and returns the parsed body with its request id", async () => {
    standin.setServingEndpoint("agent", { configVersion: 7 });
    standin.injectFault({ drop: true });
    const { transport } = testTransport();
    const response = await transport.request<{ config: { config_version: number } }>({ url: `${standin.url}/api/2.0/serving-endpoints/agent` });
    expect(response.body.config.config_version).toBe(7);
    expect(response.attempts).toBe(2);
    expect(response.requestId).toBe("req_2");
  });

  it("raises MalformedResponseError on a truncated JSON body", async () => {
    standin.setServingEndpoint("agent", {});
    standin.injectFault({ truncate: true });
    const { transport } = testTransport();
    await expect(transport.request({ url: `${standin.url}/api/2.0/serving-endpoints/agent` })).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it("raises NotFoundError quoting the Databricks error body", async () => {
    const { transport } = testTransport();
    const error = await transport.request({ url: `${standin.url}/api/2.0/serving-endpoints/missing` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain("RESOURCE_DOES_NOT_EXIST");
  });
});
