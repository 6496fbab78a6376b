/**
 * Splits a server-sent-events byte stream into events (the text between
 * blank lines), across chunk boundaries and with any line ending.
 */
export function createSseSplitter(): { push(text: string): string[]; end(): string[] } {
  let buffer = "";
  const take = (): string[] => {
    // A "\r" at the very end may be the first half of "\r\n": keep it until more arrives.
    const trailingCr = buffer.endsWith("\r");
    const ready = (trailingCr ? buffer.slice(0, -1) : buffer).replace(/\r\n?/g, "\n");
    const events = ready.split("\n\n");
    buffer = events.pop()! + (trailingCr ? "\r" : "");
    return events.filter((event) => event.trim() !== "");
  };
  return {
    push(text) {
      buffer += text;
      return take();
    },
    end() {
      const rest = buffer.replace(/\r\n?/g, "\n").trim();
      buffer = "";
      return rest === "" ? [] : [rest];
    },
  };
}

/** The event's data (its `data:` lines joined by newlines), or undefined for a comment or keep-alive. */
export function eventData(event: string): string | undefined {
  const lines = event.split("\n").filter((line) => line.startsWith("data:"));
  if (lines.length === 0) return undefined;
  return lines.map((line) => line.slice(line.startsWith("data: ") ? 6 : 5)).join("\n");
}

/** One SSE event carrying `data`. */
export function sseEvent(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
