import type { ChatMessage, TokenUsage } from "../log/index.js";

export interface ChatOptions {
  temperature?: number;
  maxTokens?: number;
  /** Ask for structured output matching this JSON Schema (validated by the caller). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Opaque per-call labels (e.g. case id, trial) some providers use; never sent upstream as content. */
  metadata?: Record<string, string>;
}

export interface ChatResult {
  text: string;
  usage: TokenUsage;
  latencyMs: number;
  /** The model id as resolved, e.g. "openai:gpt-4.1-mini". */
  model: string;
  responseId?: string;
  costUsd?: number;
  cached?: boolean;
}

/** One model behind one `chat` call, whatever the vendor. */
export interface ChatProvider {
  /** The model id string it was created from, e.g. "anthropic:claude-sonnet-4-5". */
  readonly id: string;
  chat(messages: readonly ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
}
