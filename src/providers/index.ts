export type { ChatOptions, ChatProvider, ChatResult } from "./types.js";
export { createProvider, checkCredentials, databricksAccess, type DatabricksAccess, type ProviderOptions } from "./create-provider.js";
export { parseModelId, VENDORS, type ModelRef, type Vendor } from "./model-id.js";
export { createScriptedProvider } from "./scripted.js";
export {
  createTransport,
  requestIdOf,
  TRANSPORT_DEFAULTS,
  type Deadline,
  type FetchLike,
  type Sleep,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from "./transport.js";
export { createHostLimits, sharedHostLimits, DEFAULT_HOST_CONCURRENCY, type HostLimits } from "./internal/host-limits.js";
export type { RateLimits } from "./internal/rate-limiter.js";
export {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createAPIError,
  InternalServerError,
  MalformedResponseError,
  NotFoundError,
  PermissionDeniedError,
  ProviderAPIError,
  ProviderConnectionError,
  ProviderTimeoutError,
  RateLimitError,
  UnprocessableEntityError,
  type ProviderAPIErrorDetails,
} from "./errors.js";
export {
  createOAuthTokenSource,
  parseIni,
  readDatabricksProfile,
  requireApiKey,
  resolveDatabricksAuth,
  type DatabricksAuth,
  type DatabricksAuthOptions,
  type DatabricksProfile,
  type Env,
  type TokenSource,
} from "./credentials/index.js";
export { costUsd, DEFAULT_PRICES, priceOf, type PriceTable } from "./pricing.js";
export {
  createResponseCache,
  defaultCacheDir,
  responseCacheKey,
  withCache,
  CACHE_KEY_VERSION,
  type CacheStats,
  type ResponseCache,
} from "./cache.js";
export { findScriptedReply, loadScriptedReplies, type ReplyQuery, type ScriptedReply } from "./scripted-replies.js";
export { createRelayClient, type RelayClient, type RelayClientOptions, type RelayResponse } from "./relay-client.js";
