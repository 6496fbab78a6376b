import { describe, expect, it } from "vitest";
import { resolveMlflowConnection } from "./connection.js";

describe("resolveMlflowConnection", () => {
  it("prefers an explicit URI, then MLFLOW_TRACKING_URI, then the suite config", async () => {
    const env = { MLFLOW_TRACKING_URI: "http://from-env:5000" };
    const suite = { file: "/p/evalgate.yaml", tracking: { mlflow: { tracking_uri: "http://config:5000", experiment: "e" } } };
    expect((await resolveMlflowConnection({ trackingUri: "http://explicit:5000/", suite, env })).baseUrl).toBe("http://explicit:5000");
    expect((await resolveMlflowConnection({ suite, env })).baseUrl).toBe("http://from-env:5000");
    expect((await resolveMlflowConnection({ suite, env: {} })).baseUrl).toBe("http://config:5000");
  });

  it("sends MLFLOW_TRACKING_TOKEN as a bearer token", async () => {
    const connection = await resolveMlflowConnection({ trackingUri: "https://mlflow.example", env: { MLFLOW_TRACKING_TOKEN: "tok-123" } });
    expect(await connection.authHeaders()).toEqual({ authorization: "Bearer tok-123" });
  });

  it("sends username and password as basic auth and keeps them out of the base URL", async () => {
    const fromEnv = await resolveMlflowConnection({ trackingUri: "https://mlflow.example", env: { MLFLOW_TRACKING_USERNAME: "ann", MLFLOW_TRACKING_PASSWORD: "pw" } });
    expect(await fromEnv.authHeaders()).toEqual({ authorization: `Basic ${Buffer.from("ann:pw").toString("base64")}` });
    const inUri = await resolveMlflowConnection({ trackingUri: "https://bob:s3cret@mlflow.example/prefix", env: {} });
    expect(inUri.baseUrl).toBe("https://mlflow.example/prefix");
    expect(await inUri.authHeaders()).toEqual({ authorization: `Basic ${Buffer.from("bob:s3cret").toString("base64")}` });
  });

  it("resolves databricks://<profile> through the Databricks auth resolver", async () => {
    const seen: (string | undefined)[] = [];
    const connection = await resolveMlflowConnection({
      trackingUri: "databricks://staging",
      env: {},
      databricksAuth: async (profile) => {
        seen.push(profile);
        return { host: "https://staging.cloud.databricks.com/", headers: async () => ({ authorization: "Bearer dapi-x" }) };
      },
    });
    expect(seen).toEqual(["staging"]);
    expect(connection).toMatchObject({ kind: "databricks", baseUrl: "https://staging.cloud.databricks.com" });
  });

  it("explains what to set when no tracking URI is configured, naming the suite file only when one applies", async () => {
    await expect(resolveMlflowConnection({ env: {} })).rejects.toThrowErrorMatchingInlineSnapshot(`[EvalgateError: No MLflow tracking URI: set MLFLOW_TRACKING_URI or pass --tracking-uri (e.g. http://127.0.0.1:5000 or databricks).]`);
    await expect(
      resolveMlflowConnection({ suite: { file: "/p/evalgate.yaml", tracking: { mlflow: { experiment: "e" } } }, env: {} }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[EvalgateError: No MLflow tracking URI: set MLFLOW_TRACKING_URI, pass --tracking-uri, or add tracking_uri to the tracking.mlflow block of /p/evalgate.yaml (e.g. http://127.0.0.1:5000 or databricks).]`);
    await expect(resolveMlflowConnection({ suite: { file: "/p/evalgate.yaml", tracking: undefined }, env: {} })).rejects.toThrowErrorMatchingInlineSnapshot(`[EvalgateError: No MLflow tracking URI: set MLFLOW_TRACKING_URI, pass --tracking-uri, or add a tracking.mlflow block with tracking_uri and experiment to /p/evalgate.yaml (e.g. http://127.0.0.1:5000 or databricks).]`);
  });

  it("rejects tracking URI schemes that are not REST servers", async () => {
    await expect(resolveMlflowConnection({ trackingUri: "file:///tmp/mlruns", env: {} })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: MLflow tracking URI scheme "file:" is not supported: evalgate talks to a tracking server over REST. Start one with \`mlflow server\` and use its http(s):// URL.]`,
    );
  });
});
