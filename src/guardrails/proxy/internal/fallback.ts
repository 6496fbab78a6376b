import { randomUUID } from "node:crypto";

/** Why a guarded answer ended: OpenAI's own value for a filtered completion, which SDKs and UIs already handle. */
export const FILTERED = "content_filter";

function base(model: unknown, object: string): Record<string, unknown> {
  return { id: `chatcmpl-evalgate-${randomUUID()}`, object, created: Math.floor(Date.now() / 1000), model: typeof model === "string" ? model : "evalgate-guardrails" };
}

const NO_USAGE = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** A well-formed chat.completion answering with the fallback text; no tokens were used. */
export function fallbackCompletion(model: unknown, text: string): Record<string, unknown> {
  return {
    ...base(model, "chat.completion"),
    choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: FILTERED, logprobs: null }],
    usage: NO_USAGE,
  };
}

/** The same as a stream: role, the fallback text, the finish, usage when asked for (then [DONE]). */
export function fallbackChunks(model: unknown, text: string, includeUsage: boolean): Record<string, unknown>[] {
  const head = base(model, "chat.completion.chunk");
  const chunk = (delta: object, finish: string | null): Record<string, unknown> => ({ ...head, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  const chunks = [chunk({ role: "assistant", content: "" }, null), chunk({ content: text }, null), chunk({}, FILTERED)];
  if (includeUsage) chunks.push({ ...head, choices: [], usage: NO_USAGE });
  return chunks;
}
