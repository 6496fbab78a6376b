import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { TokenUsageSchema, type ChatMessage } from "../log/index.js";
import type { Redactor } from "../secrets/index.js";
import { canonicalJson } from "./internal/canonical-json.js";
import type { ChatOptions, ChatProvider, ChatResult } from "./types.js";

/**
 * Content-addressed response cache on disk. Judges use it by default (same
 * prompt, same verdict, no second bill: keyed by the request, not by the
 * judge's version, so an edit that leaves a trial's prompt unchanged costs
 * nothing for that trial); targets only when the suite asks,
 * and then with the trial index as `cacheVariant` so repeats stay real samples.
 */

export const CACHE_KEY_VERSION = 1;

export function defaultCacheDir(suiteDir: string): string {
  return join(suiteDir, ".cache", "evalgate", "responses");
}

const CachedResultSchema = z.object({
  text: z.string(),
  usage: TokenUsageSchema,
  latencyMs: z.number().nonnegative(),
  model: z.string(),
  responseId: z.string().optional(),
  costUsd: z.number().nonnegative().optional(),
});

const CacheEntrySchema = z.object({ version: z.literal(CACHE_KEY_VERSION), key: z.string(), stored_at: z.string(), result: CachedResultSchema });

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** Answers that could not be stored (disk full, read-only dir); the call still succeeded. */
  writeErrors: number;
}

export interface ResponseCache {
  readonly dir: string;
  /**
   * What a key is computed from and an entry stored as: the run's secrets
   * replaced by markers, so nothing under the cache dir carries one (and a
   * rotated key does not invalidate the cache). Identity without a redactor.
   */
  redact<T>(value: T): T;
  /** The stored answer, or undefined; one `accepts` rejects counts as a miss. */
  get(key: string, accepts?: (result: ChatResult) => boolean): Promise<ChatResult | undefined>;
  /** Best effort: a failed write is counted in stats().writeErrors, never thrown. */
  set(key: string, result: ChatResult): Promise<void>;
  /** Counters since creation, for the run summary. */
  stats(): CacheStats;
}

/**
 * The key of one call: model, endpoint, messages and the parameters that
 * change the answer. Signals, timeouts and metadata are left out; credentials
 * never reach a provider's options, so they cannot reach the key.
 */
export function responseCacheKey(provider: Pick<ChatProvider, "id" | "endpoint">, messages: readonly ChatMessage[], options: ChatOptions = {}): string {
  const material = canonicalJson({
    version: CACHE_KEY_VERSION,
    model: provider.id,
    endpoint: provider.endpoint,
    messages,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    jsonSchema: options.jsonSchema,
    variant: options.cacheVariant,
  });
  return createHash("sha256").update(material).digest("hex");
}

export interface ResponseCacheOptions {
  dir: string;
  /** The run's redactor; entries and key material pass through it. */
  redactor?: Pick<Redactor, "value">;
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { dir } = options;
  const redact = <T>(value: T): T => (options.redactor ? options.redactor.value(value) : value);
  const stats: CacheStats = { hits: 0, misses: 0, writes: 0, writeErrors: 0 };
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);

  return {
    dir,
    redact,
    async get(key, accepts) {
      const entry = await readEntry(pathOf(key), key);
      if (!entry || (accepts && !accepts(entry))) {
        stats.misses += 1;
        return undefined;
      }
      stats.hits += 1;
      return entry;
    },
    async set(key, result) {
      const file = pathOf(key);
      const { cached: _cached, ...stored } = result;
      const entry = { version: CACHE_KEY_VERSION, key, stored_at: new Date().toISOString(), result: redact(stored) };
      // Write then rename: a concurrent reader sees the old file or the whole new one, never half.
      const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(temp, JSON.stringify(entry));
        await rename(temp, file);
      } catch {
        // Caching is best effort: losing an answer we already paid for would be worse.
        stats.writeErrors += 1;
        await rm(temp, { force: true }).catch(() => {});
        return;
      }
      stats.writes += 1;
    },
    stats: () => ({ ...stats }),
  };
}

/** A stored entry, or undefined when absent or unreadable (a corrupt entry is just a miss). */
async function readEntry(file: string, key: string): Promise<ChatResult | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = CacheEntrySchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.key === key ? parsed.data.result : undefined;
  } catch {
    return undefined;
  }
}

/** `provider` answering from `cache` when it can; a miss calls through and stores the answer. */
export function withCache(provider: ChatProvider, cache: ResponseCache): ChatProvider {
  if (provider.cacheable === false) return provider;
  return {
    ...provider,
    async chat(messages, options = {}) {
      const started = performance.now();
      const key = responseCacheKey(provider, cache.redact(messages), options);
      const isValid = options.isValidReply;
      const hit = await cache.get(key, isValid && ((result) => isValid(result.text)));
      if (hit) {
        // A hit costs nothing and takes only the lookup time; unknown cost stays unknown.
        return { ...hit, cached: true, latencyMs: performance.now() - started, ...(hit.costUsd === undefined ? {} : { costUsd: 0 }) };
      }
      const result = await provider.chat(messages, options);
      if (!isValid || isValid(result.text)) await cache.set(key, result);
      return result;
    },
  };
}
