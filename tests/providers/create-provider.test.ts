import { describe, expect, it } from "vitest";
import { CredentialsError, EvalgateError } from "../../src/errors.js";
import { checkCredentials, createProvider } from "../../src/providers/index.js";

describe("createProvider", () => {
  it("lists the supported prefixes for an unknown one", () => {
    const error = (() => {
      try {
        createProvider("gemini:pro");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EvalgateError);
    expect((error as Error).message).toMatchInlineSnapshot(`
      "Model id "gemini:pro" has an unknown provider prefix. Write it as <provider>:<model>, one of:
        openai:gpt-4.1-mini
        anthropic:claude-sonnet-4-5
        databricks:<serving-endpoint-name>
        openai-compatible:<model> (with base_url or OPENAI_BASE_URL)
        scripted:<replies.jsonl>"
    `);
  });

  it("rejects a prefix without a model name", () => {
    expect(() => createProvider("openai:")).toThrow(/has no model name after "openai:"/);
  });

  it("creates providers without credentials and reports the missing key on prepare", async () => {
    const provider = createProvider("openai:gpt-4o", { env: {} });
    const error = await provider.prepare?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ variable: "OPENAI_API_KEY", code: "CREDENTIALS_MISSING" });
  });

  it("reads the key from the variable the suite names", async () => {
    const provider = createProvider("anthropic:claude-haiku-4-5", { env: { GATEWAY_KEY: "k" }, config: { anthropic: { api_key_env: "GATEWAY_KEY" } } });
    await expect(provider.prepare?.()).resolves.toBeUndefined();
  });
});

describe("checkCredentials", () => {
  it("names every missing variable at once, before any call", async () => {
    const error = await checkCredentials(["openai:gpt-4o", "anthropic:claude-haiku-4-5", "openai:gpt-4o", "openai-compatible:llama"], { env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ variable: "OPENAI_API_KEY" });
    expect((error as Error).message).toMatchInlineSnapshot(`
      "Missing credentials:
        ✖ Model openai:gpt-4o needs an API key: set OPENAI_API_KEY in the environment (evalgate never reads keys from suite files).
        ✖ Model anthropic:claude-haiku-4-5 needs an API key: set ANTHROPIC_API_KEY in the environment (evalgate never reads keys from suite files).
        ✖ Model openai-compatible:llama needs the server's URL: set providers.openai_compatible.base_url in the suite or OPENAI_BASE_URL in the environment (e.g. http://localhost:8000/v1)."
    `);
  });

  it("passes when every model has what it needs", async () => {
    await expect(
      checkCredentials(["openai:gpt-4o", "databricks:ep"], { env: { OPENAI_API_KEY: "k", DATABRICKS_HOST: "h.example.test", DATABRICKS_TOKEN: "t" } }),
    ).resolves.toBeUndefined();
  });
});
