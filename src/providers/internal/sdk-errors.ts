import * as anthropic from "@anthropic-ai/sdk";
import * as openai from "openai";
import { EvalgateError } from "../../errors.js";
import type { Deadline } from "../transport.js";
import { fetchOptionsWithDeadline, type CallDeadlineScope, type CallFetchOptions } from "./call-deadline.js";
import { createAPIError, MalformedResponseError, ProviderConnectionError, ProviderTimeoutError } from "../errors.js";
import { redactSecrets } from "./redact.js";

/** The parts of an official SDK's APIError this module reads (openai and @anthropic-ai/sdk share them). */
interface SdkErrorShape {
  status?: number;
  error?: unknown;
  requestID?: string | null;
  headers?: Headers;
  cause?: unknown;
  message: string;
}

interface CallContext {
  /** The caller's signal: its reason is rethrown untouched when it aborted. */
  callerSignal: AbortSignal | undefined;
  /** Fired when the call's own budget ran out. */
  deadline: AbortSignal | undefined;
  deadlineMs: number | undefined;
  transportTimeoutMs: number;
  endpoint: string;
  secrets: readonly string[];
  /** Why the transport stopped retrying before the deadline, if it did. */
  gaveUp: string | undefined;
}

/**
 * An SDK error as an evalgate error. The SDKs run with retries off over our
 * transport, so what reaches here is final: HTTP statuses become
 * ProviderAPIError subclasses through the one factory, and transport errors
 * the SDK wrapped are unwrapped.
 */
function fromSdkError(error: unknown, ctx: CallContext): unknown {
  if (ctx.callerSignal?.aborted) return ctx.callerSignal.reason;
  if (ctx.deadline?.aborted) return new ProviderTimeoutError(ctx.deadlineMs ?? 0, ctx.endpoint);
  if (error instanceof EvalgateError || !(error instanceof Error)) return error;
  const sdk = error as SdkErrorShape;
  if (typeof sdk.status === "number") {
    const body = redactSecrets(sdk.error === undefined ? sdk.message : JSON.stringify(sdk.error), ctx.secrets);
    const details = { status: sdk.status, requestId: sdk.requestID ?? undefined, endpoint: ctx.endpoint, body };
    return createAPIError(ctx.gaveUp ? { ...details, gaveUp: ctx.gaveUp } : details, { cause: error });
  }
  if (sdk.cause instanceof EvalgateError) return sdk.cause;
  // The SDKs parse 2xx bodies themselves; a SyntaxError means a truncated or non-JSON answer.
  if (error instanceof SyntaxError) {
    return new MalformedResponseError({ status: 200, endpoint: ctx.endpoint }, "The response body is not valid JSON (truncated?).", { cause: error });
  }
  // The SDKs label our own timeout error as a connection timeout and drop it; restore it.
  if (error instanceof openai.APIConnectionTimeoutError || error instanceof anthropic.APIConnectionTimeoutError) return new ProviderTimeoutError(ctx.transportTimeoutMs, ctx.endpoint);
  if (error instanceof openai.APIConnectionError || error instanceof anthropic.APIConnectionError) return new ProviderConnectionError(redactSecrets(sdk.message, ctx.secrets), { cause: error });
  return error;
}

/** The caller's signal joined with the call's own deadline, if any. */
function callSignals(signal: AbortSignal | undefined, timeoutMs: number | undefined) {
  const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const parts = [signal, deadline].filter((s): s is AbortSignal => s !== undefined);
  const combined = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : AbortSignal.any(parts);
  return { combined, deadline };
}

/** Where an SDK call goes and what must never appear in its errors. */
export interface SdkCallSite {
  endpoint: string;
  transportTimeoutMs: number;
  secrets: readonly string[];
}

/**
 * Runs one SDK request under the caller's signal and per-call deadline, timing
 * it and turning whatever it throws into an evalgate error. Shared by every
 * vendor adapter so cancellation, timeouts and redaction behave the same.
 */
export async function timedSdkCall<T>(
  site: SdkCallSite,
  options: { signal?: AbortSignal; timeoutMs?: number; deadline?: Deadline },
  call: (requestOptions: { signal?: AbortSignal; fetchOptions?: CallFetchOptions }) => Promise<T>,
): Promise<{ value: T; latencyMs: number }> {
  const { combined, deadline } = callSignals(options.signal, options.timeoutMs);
  const scope: CallDeadlineScope | undefined = options.deadline ? { deadline: options.deadline } : undefined;
  const started = performance.now();
  try {
    const value = await call({
      ...(combined ? { signal: combined } : {}),
      ...(scope ? { fetchOptions: fetchOptionsWithDeadline(scope) } : {}),
    });
    return { value, latencyMs: performance.now() - started };
  } catch (error) {
    throw fromSdkError(error, {
      callerSignal: options.signal,
      deadline,
      deadlineMs: options.timeoutMs,
      transportTimeoutMs: site.transportTimeoutMs,
      endpoint: site.endpoint,
      secrets: site.secrets,
      gaveUp: scope?.gaveUp,
    });
  }
}
