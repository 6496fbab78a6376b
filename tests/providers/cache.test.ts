import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createProvider, createResponseCache, responseCacheKey, withCache, type ProviderOptions } from "../../src/providers/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { testTransport } from "./helpers.js";

const KEY = "sk-cache-test-secret-0123456789";

async function cacheFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("response cache", () => {
  let standin: Standin;
  let dir: string;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(() => standin.close());
  beforeEach(async () => {
    standin.reset();
    dir = await mkdtemp(join(tmpdir(), "evalgate-cache-"));
    return () => rm(dir, { recursive: true, force: true });
  });

  const options = (): ProviderOptions => ({
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `http://user:pw@${new URL(standin.url).host}/v1` },
    transport: testTransport().transport,
  });
  const messages = [{ role: "user" as const, content: "Is the sky blue?" }];

  it("serves an identical request from disk on a second provider instance, counting the hit", async () => {
    standin.script({ match: "sky", text: "Yes.", usage: { input_tokens: 1000, output_tokens: 1000 } });
    const first = withCache(createProvider("openai:gpt-4o-mini", options()), createResponseCache({ dir }));
    const fresh = await first.chat(messages, { temperature: 0 });

    const cache = createResponseCache({ dir });
    const second = withCache(createProvider("openai:gpt-4o-mini", options()), cache);
    const replay = await second.chat(messages, { temperature: 0 });

    expect(standin.requests).toHaveLength(1);
    expect(replay).toMatchObject({ text: "Yes.", cached: true, usage: fresh.usage, responseId: fresh.responseId, costUsd: 0 });
    expect(fresh.cached).toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 1, misses: 0, writes: 0, writeErrors: 0 });
  });

  it("misses when parameters or the cache variant differ", async () => {
    const cache = createResponseCache({ dir });
    const provider = withCache(createProvider("openai:gpt-4o-mini", options()), cache);
    await provider.chat(messages, { temperature: 0 });
    await provider.chat(messages, { temperature: 1 });
    await provider.chat(messages, { temperature: 0, maxTokens: 5 });
    // Repeats of a target pass their trial index, so each is a real sample.
    await provider.chat(messages, { temperature: 0, cacheVariant: "trial-1" });
    await provider.chat(messages, { temperature: 0, cacheVariant: "trial-1" });
    expect(standin.requests).toHaveLength(4);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 4, writes: 4 });
  });

  it("keeps credentials and base-URL userinfo out of keys and entries", async () => {
    const provider = createProvider("openai:gpt-4o-mini", options());
    const key = responseCacheKey(provider, messages, { temperature: 0 });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    await withCache(provider, createResponseCache({ dir })).chat(messages, { temperature: 0 });
    const [file] = await cacheFiles(dir);
    const stored = await readFile(file!, "utf8");
    expect(file).toContain(key);
    for (const secret of [KEY, "user:pw", "pw@"]) expect(stored).not.toContain(secret);
    expect(provider.endpoint).toBe(`${standin.url}/v1`);
  });

  it("treats a corrupted entry as a miss and replaces it", async () => {
    const provider = createProvider("openai:gpt-4o-mini", options());
    const cache = createResponseCache({ dir });
    await withCache(provider, cache).chat(messages);
    const [file] = await cacheFiles(dir);
    await writeFile(file!, '{"version":1,"key":"trunc');
    const again = createResponseCache({ dir });
    const result = await withCache(provider, again).chat(messages);
    expect(result.cached).toBeUndefined();
    expect(again.stats()).toMatchObject({ hits: 0, misses: 1, writes: 1 });
    expect(JSON.parse(await readFile(file!, "utf8"))).toMatchObject({ version: 1 });
    expect((await cacheFiles(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("never caches scripted models, whose replies depend on metadata", async () => {
    const replies = join(dir, "replies.jsonl");
    await writeFile(replies, ['{"case_id": "c1", "text": "one"}', '{"case_id": "c2", "text": "two"}'].join("\n"));
    const cache = createResponseCache({ dir: join(dir, "cache") });
    const provider = withCache(createProvider(`scripted:${replies}`), cache);
    const a = await provider.chat(messages, { metadata: { case_id: "c1" } });
    const b = await provider.chat(messages, { metadata: { case_id: "c2" } });
    expect([a.text, b.text]).toEqual(["one", "two"]);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0, writes: 0 });
  });

  it("counts a failed write instead of failing the call", async () => {
    const blocker = join(dir, "not-a-dir");
    await writeFile(blocker, "");
    const cache = createResponseCache({ dir: join(blocker, "cache") });
    const result = await withCache(createProvider("openai:gpt-4o-mini", options()), cache).chat(messages);
    expect(result.text).toBe("Echo: Is the sky blue?");
    expect(cache.stats()).toMatchObject({ writes: 0, writeErrors: 1 });
  });
});
