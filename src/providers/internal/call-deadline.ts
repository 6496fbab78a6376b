import { AsyncLocalStorage } from "node:async_hooks";
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

const scopes = new AsyncLocalStorage<CallDeadlineScope>();

export function runWithCallDeadline<T>(scope: CallDeadlineScope, call: () => Promise<T>): Promise<T> {
  return scopes.run(scope, call);
}

export function currentCallDeadline(): CallDeadlineScope | undefined {
  return scopes.getStore();
}
