import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CredentialsError } from "../../src/errors.js";
import { AuthenticationError, createProvider, resolveDatabricksAuth } from "../../src/providers/index.js";
import { createRedactor } from "../../src/secrets/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { testTransport } from "./helpers.js";

// Shaped like a real workspace token (redaction matches the shape), built at run time so no token-like literal is committed.
const PAT = `dapi${"0123456789abcdef".repeat(2)}`;
const CLIENT = { id: "sp-client-id", secret: "sp-client-secret-do-not-leak" };

describe("databricks provider and credentials against the stand-in", () => {
  let standin: Standin;
  let home: string;
  beforeAll(async () => {
    standin = await startStandin({ apiKeys: [PAT], oauthClients: { [CLIENT.id]: CLIENT.secret } });
    home = await mkdtemp(join(tmpdir(), "evalgate-home-"));
  });
  afterAll(async () => {
    await standin.close();
    await rm(home, { recursive: true, force: true });
  });
  beforeEach(() => standin.reset());

  const tokenRequests = () => standin.requests.filter((r) => r.path === "/oidc/v1/token");
  const chatRequests = () => standin.requests.filter((r) => r.path === "/serving-endpoints/chat/completions");

  it("calls the endpoint as an OpenAI-compatible model with a personal access token", async () => {
    const provider = createProvider("databricks:databricks-meta-llama-3-3-70b-instruct", {
      env: { DATABRICKS_HOST: standin.url, DATABRICKS_TOKEN: PAT },
      home,
      transport: testTransport().transport,
    });
    const result = await provider.chat([{ role: "user", content: "hi" }], { maxTokens: 10 });
    expect(result.text).toBe("Echo: hi");
    expect(result.model).toBe("databricks:databricks-meta-llama-3-3-70b-instruct");
    expect(result.costUsd).toBeUndefined();
    const [sent] = chatRequests();
    expect(sent?.headers.authorization).toBe(`Bearer ${PAT}`);
    expect(sent?.body).toEqual({ model: "databricks-meta-llama-3-3-70b-instruct", messages: [{ role: "user", content: "hi" }], max_tokens: 10 });
  });

  it("exchanges OAuth client credentials once for many calls", async () => {
    const provider = createProvider("databricks:my-endpoint", {
      env: { DATABRICKS_HOST: standin.url, DATABRICKS_CLIENT_ID: CLIENT.id, DATABRICKS_CLIENT_SECRET: CLIENT.secret },
      home,
      transport: testTransport().transport,
    });
    await Promise.all(Array.from({ length: 5 }, () => provider.chat([{ role: "user", content: "hi" }])));
    await provider.chat([{ role: "user", content: "again" }]);
    expect(tokenRequests()).toHaveLength(1);
    const [exchange] = tokenRequests();
    expect(exchange?.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString("base64")}`);
    expect(exchange?.body).toEqual({ grant_type: "client_credentials", scope: "all-apis" });
    const sentTokens = new Set(chatRequests().map((r) => r.headers.authorization));
    expect(sentTokens.size).toBe(1);
    expect([...sentTokens][0]).toMatch(/^Bearer oauth-token-\d+$/);
  });

  it("feeds the run's redactor the client secret and each OAuth token as it is fetched, and a PAT as it is read", async () => {
    const secrets = createRedactor();
    const oauth = createProvider("databricks:my-endpoint", {
      env: { DATABRICKS_HOST: standin.url, DATABRICKS_CLIENT_ID: CLIENT.id, DATABRICKS_CLIENT_SECRET: CLIENT.secret },
      home,
      transport: testTransport().transport,
      secrets,
    });
    await oauth.chat([{ role: "user", content: "hi" }]);
    const token = chatRequests()[0]!.headers.authorization!.replace("Bearer ", "");
    expect(secrets.text(`${CLIENT.secret} ${token}`)).toBe("[redacted:DATABRICKS_CLIENT_SECRET] [redacted:DATABRICKS_OAUTH_TOKEN]");

    const pat = createProvider("databricks:my-endpoint", { env: { DATABRICKS_HOST: standin.url, DATABRICKS_TOKEN: PAT }, home, transport: testTransport().transport, secrets });
    await pat.chat([{ role: "user", content: "hi" }]);
    expect(secrets.text(`Bearer ${PAT}`)).toBe("Bearer [redacted:DATABRICKS_TOKEN]");
  });

  it("refreshes the OAuth token shortly before it expires", async () => {
    let now = 1_000_000;
    const auth = resolveDatabricksAuth({
      env: { DATABRICKS_HOST: standin.url, DATABRICKS_CLIENT_ID: CLIENT.id, DATABRICKS_CLIENT_SECRET: CLIENT.secret },
      home,
      transport: testTransport().transport,
      now: () => now,
    });
    expect(auth.kind).toBe("oauth-m2m");
    const first = await auth.headers();
    expect(first.authorization).toMatch(/^Bearer oauth-token-\d+$/);
    now += 3_000_000; // 50 minutes into a 60-minute token: still good.
    expect(await auth.headers()).toEqual(first);
    now += 570_000; // 59.5 minutes: inside the refresh margin.
    const refreshed = await auth.headers();
    expect(refreshed.authorization).toMatch(/^Bearer oauth-token-\d+$/);
    expect(refreshed).not.toEqual(first);
    expect(tokenRequests()).toHaveLength(2);
  });

  it("reports rejected client credentials without leaking the secret", async () => {
    const auth = resolveDatabricksAuth({
      env: { DATABRICKS_HOST: standin.url, DATABRICKS_CLIENT_ID: CLIENT.id, DATABRICKS_CLIENT_SECRET: "wrong-secret-value" },
      home,
      transport: testTransport().transport,
    });
    const error = await auth.headers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const basic = Buffer.from(`${CLIENT.id}:wrong-secret-value`).toString("base64");
    expect((error as Error).message).not.toContain("wrong-secret-value");
    expect((error as Error).message).not.toContain(basic);
  });

  it("reads host and token from a ~/.databrickscfg profile", async () => {
    await writeFile(
      join(home, ".databrickscfg"),
      ["[DEFAULT]", "host = https://default.example.test", "token = dapi-default", "", "; a comment", "[staging]", `host = ${standin.url}/`, `token = ${PAT}`, ""].join("\n"),
    );
    const defaultAuth = resolveDatabricksAuth({ env: {}, home });
    expect(defaultAuth.host).toBe("https://default.example.test");
    const provider = createProvider("databricks:my-endpoint", {
      env: { DATABRICKS_CONFIG_PROFILE: "staging" },
      home,
      transport: testTransport().transport,
    });
    await provider.chat([{ role: "user", content: "hi" }]);
    expect(chatRequests()[0]?.headers.authorization).toBe(`Bearer ${PAT}`);
  });

  it("names the variables to set when no credentials are found", async () => {
    const emptyHome = await mkdtemp(join(tmpdir(), "evalgate-empty-home-"));
    const provider = createProvider("databricks:my-endpoint", { env: {}, home: emptyHome });
    const error = await provider.prepare?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ variable: "DATABRICKS_HOST" });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Databricks needs a workspace host: set DATABRICKS_HOST and DATABRICKS_TOKEN, or DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (OAuth machine-to-machine), or add host and token to a ~/.databrickscfg profile (DATABRICKS_CONFIG_PROFILE, default DEFAULT)."`,
    );
    await rm(emptyHome, { recursive: true, force: true });
  });

  it("refuses a named profile that does not exist", () => {
    expect(() => resolveDatabricksAuth({ env: { DATABRICKS_CONFIG_PROFILE: "prod" }, home })).toThrow(/No \[prod\] profile in .*\.databrickscfg/);
  });
});
