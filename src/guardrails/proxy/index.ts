export { createGuardProxy, startGuardProxy, GUARD_PROXY_DEFAULTS, UPSTREAM_API_KEY_ENV, type GuardProxyOptions, type StartedGuardProxy } from "./create-guard-proxy.js";
export { GUARDRAIL_HEADER } from "./internal/handle-chat.js";
export { ProxyLogEntrySchema, ProxyDecisionLogSchema, type ProxyLogEntry, type ProxyDecisionLog } from "./log-entry.js";
