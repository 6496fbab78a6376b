import { EvalgateError, type EvalgateErrorOptions } from "../errors.js";

/** Longest slice of a response body quoted in an error message. */
const MAX_BODY_IN_MESSAGE = 500;

export interface ProviderAPIErrorDetails {
  status: number;
  /** The upstream request id (x-request-id and friends), for support tickets. */
  requestId?: string;
  /** Where the call went, without credentials or query string. */
  endpoint?: string;
  /** The response body, already redacted; quoted truncated in the message. */
  body?: string;
  /** Attempts made, first included; named in the message when there were retries. */
  attempts?: number;
  /** Why evalgate stopped retrying early (e.g. a Retry-After past the trial's timeout); leads the message. */
  gaveUp?: string;
}

/** The API answered with an error status (or an unusable body). */
export class ProviderAPIError extends EvalgateError {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly attempts: number | undefined;

  constructor(details: ProviderAPIErrorDetails, hint = "", options: EvalgateErrorOptions = {}) {
    super("PROVIDER_API_ERROR", apiErrorMessage(details, hint), options);
    this.status = details.status;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
  }
}

export class BadRequestError extends ProviderAPIError {}
export class AuthenticationError extends ProviderAPIError {}
export class PermissionDeniedError extends ProviderAPIError {}
export class NotFoundError extends ProviderAPIError {}
export class ConflictError extends ProviderAPIError {}
export class UnprocessableEntityError extends ProviderAPIError {}
export class RateLimitError extends ProviderAPIError {}
export class InternalServerError extends ProviderAPIError {}
/** A 2xx whose body could not be parsed (e.g. truncated JSON). */
export class MalformedResponseError extends ProviderAPIError {}

export class ProviderTimeoutError extends EvalgateError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, endpoint?: string) {
    const where = endpoint ? ` from ${endpoint}` : "";
    super(
      "PROVIDER_TIMEOUT",
      `No response${where} within ${timeoutMs} ms. Raise the provider timeout (timeout_ms under providers:) if the model is slow, or check the endpoint.`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed or was dropped before a complete response arrived. */
export class ProviderConnectionError extends EvalgateError {
  constructor(message: string, options: EvalgateErrorOptions = {}) {
    super("PROVIDER_CONNECTION", message, options);
  }
}

const HINTS: Record<number, string> = {
  400: "The request was rejected as malformed; check the model id and parameters.",
  401: "Check that the API key or token in the environment is valid.",
  403: "The credentials lack permission for this model or endpoint.",
  404: "Check the model or endpoint name and the base URL.",
  429: "Rate limited: lower concurrency or set requests_per_minute under providers:.",
};

/** The one place an HTTP status becomes an error class. */
export function createAPIError(details: ProviderAPIErrorDetails, options: EvalgateErrorOptions = {}): ProviderAPIError {
  const { status } = details;
  const retried = details.attempts === undefined || details.attempts > 1;
  const hint = HINTS[status] ?? (status >= 500 ? (retried ? "The server failed; evalgate already retried. Try again later." : "The server failed. Try again later.") : "");
  switch (status) {
    case 400:
      return new BadRequestError(details, hint, options);
    case 401:
      return new AuthenticationError(details, hint, options);
    case 403:
      return new PermissionDeniedError(details, hint, options);
    case 404:
      return new NotFoundError(details, hint, options);
    case 409:
      return new ConflictError(details, hint, options);
    case 422:
      return new UnprocessableEntityError(details, hint, options);
    case 429:
      return new RateLimitError(details, hint, options);
    default:
      return status >= 500 ? new InternalServerError(details, hint, options) : new ProviderAPIError(details, hint, options);
  }
}

function apiErrorMessage({ status, requestId, endpoint, body, attempts, gaveUp }: ProviderAPIErrorDetails, hint: string): string {
  const lead = gaveUp ? `${capitalise(gaveUp)}. ` : "";
  const where = endpoint ? ` from ${endpoint}` : "";
  const id = requestId ? ` (request id ${requestId})` : "";
  const tries = attempts !== undefined && attempts > 1 ? ` after ${attempts} attempts` : "";
  const quoted = body ? `: ${truncate(body.trim(), MAX_BODY_IN_MESSAGE)}` : "";
  return `${lead}HTTP ${status}${where}${id}${tries}${quoted}${hint ? `\n${hint}` : ""}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
