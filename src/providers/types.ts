import type { ChatMessage, TokenUsage } from "../log/index.js";
import type { Deadline } from "./transport.js";

export interface ChatOptions {
  temperature?: number;
  maxTokens?: number;
  /** Ask for structured output matching this JSON Schema (validated by the caller). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  signal?: AbortSignal;
  /** Budget for the whole call, retries included. */
  timeoutMs?: number;
  /**
   * The caller's own time limit (a trial's, a judge's). A Retry-After that would
   * outlast it is not waited for: the call fails at once with the status the
   * endpoint sent, instead of timing out later with the reason lost.
   */
  deadline?: Deadline;
  /** Opaque per-call labels (e.g. case id, trial) some providers use; never sent upstream as content. */
  metadata?: Record<string, string>;
  /**
   * Part of the response-cache key, nothing else. The runner passes the trial
   * index for target calls so repeats are independent samples, never cache hits.
   */
  cacheVariant?: string;
  /**
   * Whether a reply is worth caching: one it rejects (a judge reply that does
   * not parse) is neither stored nor served from the cache, so a bad answer is
   * asked again next time instead of replayed forever. Omit to cache every reply.
   */
  isValidReply?: (text: string) => boolean;
}

export interface ChatResult {
  text: string;
  usage: TokenUsage;
  latencyMs: number;
  /** The model id as resolved, e.g. "openai:gpt-4.1-mini-2025-04-14". */
  model: string;
  responseId?: string;
  /** USD; undefined when the model has no known price. */
  costUsd?: number;
  cached?: boolean;
}

/** One model behind one `chat` call, whatever the vendor. */
export interface ChatProvider {
  /** The model id string it was created from, e.g. "anthropic:claude-sonnet-4-5". */
  readonly id: string;
  /** Where calls go, without credentials (part of the cache key: two gateways are two caches). */
  readonly endpoint?: string;
  /** False for providers whose answers must never be cached (e.g. scripted replies keyed by metadata). */
  readonly cacheable?: boolean;
  /** Checks credentials (and fetches OAuth tokens) before a run starts; throws CredentialsError. */
  prepare?(): Promise<void>;
  chat(messages: readonly ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
}
