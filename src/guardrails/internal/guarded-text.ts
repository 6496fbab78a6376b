import { ChatMessageSchema } from "../../log/index.js";

/** The text the guards of a stage read from a value, and how to put a redacted text back. */
export interface GuardedText {
  text: string;
  /** The value with its guarded text replaced; undefined when it cannot be rebuilt (the caller then blocks). */
  replace(text: string): { value: unknown } | undefined;
}

const ConversationSchema = ChatMessageSchema.array().min(1);

/**
 * What guards read of a pipeline's input or output. A string is guarded as
 * it is. A conversation (chat messages) is guarded by its last user message:
 * the turns before it were guarded when they were sent, and the system
 * prompt is the application's own. Anything else is guarded as its JSON
 * text, and a redaction is parsed back (masks such as `[EMAIL]` sit inside
 * JSON strings). Undefined: nothing to guard.
 */
export function guardedText(value: unknown): GuardedText | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return { text: value, replace: (text) => ({ value: text }) };
  const conversation = ConversationSchema.safeParse(value);
  if (conversation.success) {
    const messages = conversation.data;
    const index = messages.findLastIndex((m) => m.role === "user");
    if (index >= 0) {
      return {
        text: messages[index]!.content,
        replace: (text) => ({ value: (value as unknown[]).map((m, i) => (i === index ? { ...(m as object), content: text } : m)) }),
      };
    }
  }
  const json = JSON.stringify(value);
  return {
    text: json,
    replace: (text) => {
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return undefined;
      }
    },
  };
}
