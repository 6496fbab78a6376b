import { z } from "zod";

/** One guard's decision as the proxy logs it: no text, no reason (a critique may quote the text), labels only. */
export const ProxyDecisionLogSchema = z.object({
  id: z.string(),
  stage: z.enum(["input", "output"]),
  triggered: z.boolean(),
  action: z.enum(["block", "redact", "warn"]),
  latency_ms: z.number().nonnegative(),
  score: z.number().optional(),
  /** The labels of the spans it found, e.g. ["EMAIL", "PHONE"]. */
  labels: z.array(z.string()).optional(),
  error: z.string().optional(),
});
export type ProxyDecisionLog = z.infer<typeof ProxyDecisionLogSchema>;

/** One proxied request, written as one JSON line. Never holds message text or credentials. */
export const ProxyLogEntrySchema = z.object({
  time: z.iso.datetime(),
  request: z.string(),
  stream: z.boolean(),
  /**
   * forwarded: the upstream answered and it went to the client (maybe redacted);
   * blocked: an input or output guard answered with the fallback;
   * cut: a streamed answer was stopped by an output guard;
   * upstream-error: the upstream failed or answered with an error status (relayed);
   * rejected: the request was not a valid chat completion request.
   */
  outcome: z.enum(["forwarded", "blocked", "cut", "upstream-error", "rejected"]),
  status: z.number().int(),
  blocked_by: z.string().optional(),
  /** Guards that redacted the request or the answer. */
  redacted: z.array(z.string()),
  upstream_status: z.number().int().optional(),
  /** Non-streamed answers: the upstream's share of duration_ms (request sent to body read); the rest is the proxy's. */
  upstream_ms: z.number().nonnegative().optional(),
  /** Output-stage runs on a streamed answer. */
  checks: z.number().int().nonnegative().optional(),
  duration_ms: z.number().nonnegative(),
  decisions: z.array(ProxyDecisionLogSchema),
});
export type ProxyLogEntry = z.infer<typeof ProxyLogEntrySchema>;
