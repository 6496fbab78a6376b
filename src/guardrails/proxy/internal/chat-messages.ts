/** One piece of user text in a chat request: a message's string content, or one text part of it. */
export interface TextSlot {
  message: number;
  /** Index in the content array; absent when the content is a string. */
  part?: number;
  text: string;
}

type Message = Record<string, unknown>;

function textParts(content: unknown): Array<{ part?: number; text: string }> {
  if (typeof content === "string") return [{ text: content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: unknown, index) => {
    const text = (part as { type?: unknown; text?: unknown } | null)?.text;
    return (part as { type?: unknown }).type === "text" && typeof text === "string" ? [{ part: index, text }] : [];
  });
}

/** A request's messages if they are a non-empty array of objects with a role, else why not. */
export function readMessages(body: unknown): { messages: Message[] } | { problem: string } {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0) return { problem: "'messages' must be a non-empty array of chat messages." };
  const bad = messages.findIndex((m) => m === null || typeof m !== "object" || typeof (m as Message).role !== "string");
  if (bad >= 0) return { problem: `messages[${bad}] must be an object with a string 'role'.` };
  return { messages: messages as Message[] };
}

/**
 * Every text the user wrote: each user message, not only the last. The client
 * sends the whole conversation on every turn, so an earlier turn's email
 * address would reach the upstream again unless it is redacted again, and a
 * crafted "earlier" user turn is as easy to send as the last one.
 */
export function userTextSlots(messages: readonly Message[]): TextSlot[] {
  return messages.flatMap((message, index) => (message.role === "user" ? textParts(message.content).map((slot) => ({ message: index, ...slot })) : []));
}

/** The messages with the slots' texts replaced; messages without a changed slot are the same objects. */
export function replaceTexts(messages: readonly Message[], slots: readonly TextSlot[], texts: readonly string[]): Message[] {
  const out = [...messages];
  slots.forEach((slot, i) => {
    const text = texts[i]!;
    if (text === slot.text) return;
    const message = { ...out[slot.message]! };
    if (slot.part === undefined) message.content = text;
    else {
      const parts = [...(message.content as unknown[])];
      parts[slot.part] = { ...(parts[slot.part] as object), text };
      message.content = parts;
    }
    out[slot.message] = message;
  });
  return out;
}

/** The text of the last user message (what the answer replies to), for scope and groundedness guards. */
export function lastUserText(messages: readonly Message[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "user") return textParts(messages[i]!.content).map((p) => p.text).join("\n");
  }
  return undefined;
}

/**
 * What the answer may rely on, for groundedness: system and developer
 * messages and tool results, where RAG applications put retrieved documents.
 */
export function contextTexts(messages: readonly Message[]): string[] {
  return messages
    .filter((m) => m.role === "system" || m.role === "developer" || m.role === "tool")
    .map((m) => textParts(m.content).map((p) => p.text).join("\n"))
    .filter((text) => text !== "");
}
