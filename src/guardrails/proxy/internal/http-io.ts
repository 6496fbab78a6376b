import type { IncomingMessage, ServerResponse } from "node:http";

export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request body as text, refusing more than `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw new RequestBodyError(413, `Request body of ${declared} bytes exceeds the proxy's limit of ${maxBytes}.`);
  // Events rather than `for await`: the async iterator costs a promise per chunk, on every request.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        // Drain the rest without keeping it, so the 413 can still be answered on this connection.
        req.resume();
        reject(new RequestBodyError(413, `Request body exceeds the proxy's limit of ${maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

/** OpenAI's error shape, so SDKs raise their usual error classes. */
export function openAIError(message: string, type: string): { error: { message: string; type: string; param: null; code: null } } {
  return { error: { message: `evalgate guard proxy: ${message}`, type, param: null, code: null } };
}

/** Sends a JSON body; a string is taken as already serialised. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) });
  res.end(payload);
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** One header's value (the first, when repeated). */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Upstream headers worth passing on: request ids for support tickets, rate-limit hints for the client's retries. */
export function relayedHeaders(headers: ResponseHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === "x-request-id" || name === "request-id" || name === "retry-after" || name === "retry-after-ms" || name.startsWith("x-ratelimit-") || name === "openai-processing-ms") {
      out[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return out;
}
