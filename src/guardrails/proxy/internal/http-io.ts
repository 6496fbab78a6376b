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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RequestBodyError(413, `Request body exceeds the proxy's limit of ${maxBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
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
