import type { Deadline } from "../transport.js";

/**
 * The official SDKs call `transport.fetch` with no room for a caller's
 * deadline, so it travels beside the call instead: the transport reads it to
 * stop waiting on a Retry-After that would outlast it, and leaves its reason
 * here for the error the SDK then throws.
 */
export interface CallDeadlineScope {
  readonly deadline: Deadline;
  /** Set by the transport when it returned a retryable answer rather than wait past the deadline. */
  gaveUp?: string;
}

/**
 * The key the scope rides under in the SDK's per-request `fetchOptions`, which
 * both SDKs spread into the RequestInit they hand to `transport.fetch`.
 * Carried there rather than in an AsyncLocalStorage, whose promise hooks, once
 * on, cost every promise of the process (about 3 % of a run's CPU).
 */
const CALL_DEADLINE = Symbol("evalgate.callDeadline");

/** An SDK's `fetchOptions`, opaque to the SDK's types: it sets no standard field. */
export type CallFetchOptions = Record<never, never>;

/** `fetchOptions` for an SDK call that carry `scope` to the transport. */
export function fetchOptionsWithDeadline(scope: CallDeadlineScope): CallFetchOptions {
  return { [CALL_DEADLINE]: scope };
}

/** The scope a call's RequestInit carries, if any. */
export function callDeadlineOf(init: RequestInit | undefined): CallDeadlineScope | undefined {
  return (init as { [CALL_DEADLINE]?: CallDeadlineScope } | undefined)?.[CALL_DEADLINE];
}

/** `init` without the scope, for the fetch underneath. */
export function withoutCallDeadline(init: RequestInit): RequestInit {
  if (!(CALL_DEADLINE in init)) return init;
  const { [CALL_DEADLINE]: _scope, ...rest } = init as RequestInit & { [CALL_DEADLINE]?: CallDeadlineScope };
  return rest;
}
