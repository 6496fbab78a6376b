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
  /** Whether the call's own budget ran out. */
  timedOut: boolean;
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
  if (ctx.timedOut) return new ProviderTimeoutError(ctx.deadlineMs ?? 0, ctx.endpoint);
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

/**
 * The caller's signal joined with the call's own deadline, if any. One
 * controller and a timer cleared when the call settles, rather than
 * AbortSignal.timeout + AbortSignal.any: those make two more signals a call,
 * tracked weakly until collected, and this runs for every model call.
 */
function callSignals(signal: AbortSignal | undefined, timeoutMs: number | undefined) {
  if (timeoutMs === undefined) return { combined: signal, timedOut: () => false, dispose: () => {} };
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    combined: controller.signal,
    timedOut: () => fired,
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
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
  const { combined, timedOut, dispose } = callSignals(options.signal, options.timeoutMs);
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
      timedOut: timedOut(),
      deadlineMs: options.timeoutMs,
      transportTimeoutMs: site.transportTimeoutMs,
      endpoint: site.endpoint,
      secrets: site.secrets,
      gaveUp: scope?.gaveUp,
    });
  } finally {
    dispose();
  }
}
