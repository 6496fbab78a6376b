import { resolve } from "node:path";
import type { ProvidersConfig, VendorSettings } from "../config/providers-schema.js";
import { CredentialsError } from "../errors.js";
import type { SecretSink } from "../secrets/index.js";
import { createAnthropicProvider } from "./anthropic-messages.js";
import { requireApiKey } from "./credentials/api-key.js";
import { resolveDatabricksAuth, type DatabricksAuth } from "./credentials/databricks-auth.js";
import { envValue, type Env } from "./credentials/env.js";
import { describeEndpoint } from "./internal/redact.js";
import { parseModelId, type Vendor } from "./model-id.js";
import { createOpenAIChatProvider, type OpenAIConnection } from "./openai-chat.js";
import { createScriptedProvider } from "./scripted.js";
import { createTransport, TRANSPORT_DEFAULTS, type Transport } from "./transport.js";
import type { ChatProvider } from "./types.js";

export interface ProviderOptions {
  /** The suite's `providers:` block: base URLs, key variables, limits, prices. */
  config?: ProvidersConfig;
  /** Where credentials are read from; process.env by default. */
  env?: Env;
  /** Home directory for ~/.databrickscfg. */
  home?: string;
  /** Overrides every other base URL source for this provider. */
  baseURL?: string;
  /** Overrides the per-vendor transport built from the config (tests inject one). */
  transport?: Transport;
  /** Directory `scripted:<file>` paths are relative to (the suite's). */
  baseDir?: string;
  /** The run's redactor: fed every key and token the moment it is read, so no write can carry it. */
  secrets?: SecretSink;
}

const DEFAULT_BASE_URLS = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
} as const;

// One transport per vendor and config, so every provider of a vendor shares its rate-limit budget.
const transports = new WeakMap<object, Map<string, Transport>>();
const NO_CONFIG = {};

function transportFor(vendor: Vendor, settings: VendorSettings | undefined, config: ProvidersConfig | undefined): Transport {
  let byVendor = transports.get(config ?? NO_CONFIG);
  if (!byVendor) {
    byVendor = new Map();
    transports.set(config ?? NO_CONFIG, byVendor);
  }
  let transport = byVendor.get(vendor);
  if (!transport) {
    transport = createTransport({
      ...(settings?.timeout_ms ? { timeoutMs: settings.timeout_ms } : {}),
      ...(settings?.max_attempts ? { maxAttempts: settings.max_attempts } : {}),
      ...(settings?.max_concurrency ? { maxConcurrencyPerHost: settings.max_concurrency } : {}),
      rateLimits: { requestsPerMinute: settings?.requests_per_minute, tokensPerMinute: settings?.tokens_per_minute },
    });
    byVendor.set(vendor, transport);
  }
  return transport;
}

/**
 * A chat model from its id: `openai:<model>`, `anthropic:<model>`,
 * `databricks:<endpoint>`, `openai-compatible:<model>` or `scripted:<file>`.
 * Creating one never fails on credentials; `prepare()` (or the first call)
 * does, so the runner checks every model before the first trial.
 */
export function createProvider(modelId: string, options: ProviderOptions = {}): ChatProvider {
  const { vendor, name } = parseModelId(modelId);
  const env = options.env ?? process.env;
  const config = options.config;
  const prices = config?.prices;
  const keyFrom = (variable: string): string => {
    const key = requireApiKey(env, variable, `Model ${modelId}`);
    options.secrets?.add(variable, key);
    return key;
  };

  if (vendor === "scripted") {
    return { ...createScriptedProvider(resolve(options.baseDir ?? ".", name), modelId), cacheable: false };
  }

  if (vendor === "anthropic") {
    const settings = config?.anthropic;
    const transport = options.transport ?? transportFor(vendor, settings, config);
    const baseURL = options.baseURL ?? settings?.base_url ?? envValue(env, "ANTHROPIC_BASE_URL") ?? DEFAULT_BASE_URLS.anthropic;
    const keyVariable = settings?.api_key_env ?? "ANTHROPIC_API_KEY";
    return createAnthropicProvider({
      id: modelId,
      model: name,
      endpoint: describeEndpoint(baseURL),
      connect: () => ({ apiKey: keyFrom(keyVariable), baseURL }),
      transport,
      transportTimeoutMs: settings?.timeout_ms ?? TRANSPORT_DEFAULTS.timeoutMs,
      ...(prices ? { prices } : {}),
    });
  }

  const settings = vendor === "openai" ? config?.openai : vendor === "databricks" ? config?.databricks : config?.openai_compatible;
  const transport = options.transport ?? transportFor(vendor, settings, config);
  const common = {
    id: modelId,
    vendor,
    model: name,
    transport,
    transportTimeoutMs: settings?.timeout_ms ?? TRANSPORT_DEFAULTS.timeoutMs,
    ...(prices ? { prices } : {}),
  };

  if (vendor === "databricks") {
    const access = databricksAccess(options);
    const connection = deferFailure(() => {
      const auth = access.resolveAuth();
      const baseURL = options.baseURL ?? settings?.base_url ?? `${auth.host}/serving-endpoints`;
      // The key is a placeholder: every request gets the PAT or a fresh OAuth token from authHeaders.
      return { baseURL, apiKey: "databricks-auth-headers", authHeaders: (signal) => auth.headers(signal), secrets: [] } satisfies OpenAIConnection;
    });
    return createOpenAIChatProvider({
      ...common,
      endpoint: connection.value ? describeEndpoint(connection.value.baseURL) : "databricks",
      maxTokensField: "max_tokens",
      connect: connection.get,
    });
  }

  if (vendor === "openai") {
    const baseURL = options.baseURL ?? settings?.base_url ?? envValue(env, "OPENAI_BASE_URL") ?? DEFAULT_BASE_URLS.openai;
    const keyVariable = settings?.api_key_env ?? "OPENAI_API_KEY";
    return createOpenAIChatProvider({
      ...common,
      endpoint: describeEndpoint(baseURL),
      maxTokensField: "max_completion_tokens",
      connect: () => {
        const apiKey = keyFrom(keyVariable);
        const organization = envValue(env, "OPENAI_ORG_ID");
        const project = envValue(env, "OPENAI_PROJECT_ID");
        return { baseURL, apiKey, secrets: [apiKey], ...(organization ? { organization } : {}), ...(project ? { project } : {}) };
      },
    });
  }

  const baseURL = options.baseURL ?? settings?.base_url ?? envValue(env, "OPENAI_BASE_URL");
  return createOpenAIChatProvider({
    ...common,
    endpoint: baseURL ? describeEndpoint(baseURL) : "openai-compatible",
    maxTokensField: "max_tokens",
    connect: () => {
      if (!baseURL) {
        throw new CredentialsError(
          "OPENAI_BASE_URL",
          `Model ${modelId} needs the server's URL: set providers.openai_compatible.base_url in the suite or OPENAI_BASE_URL in the environment (e.g. http://localhost:8000/v1).`,
        );
      }
      // Local servers rarely want a key: it is required only when the suite names its variable.
      const apiKey = settings?.api_key_env ? keyFrom(settings.api_key_env) : envValue(env, "OPENAI_API_KEY");
      if (!settings?.api_key_env) options.secrets?.add("OPENAI_API_KEY", apiKey);
      return { baseURL, apiKey: apiKey ?? "no-key", secrets: apiKey ? [apiKey] : [] };
    },
  });
}

export interface DatabricksAccess {
  /** Shared with every other caller of the vendor, so limits hold across judges and targets. */
  transport: Transport;
  /** Workspace host and credentials; `env` replaces the options' environment (e.g. with a DATABRICKS_HOST override). Throws CredentialsError. */
  resolveAuth(env?: Env): DatabricksAuth;
}

/**
 * How anything reaches a Databricks workspace under the suite's
 * `providers.databricks` block: its limits, timeout and attempts on the
 * transport, its profile (over DATABRICKS_CONFIG_PROFILE) for credentials.
 * Used by `databricks:<endpoint>` models and the databricks-serving target.
 */
export function databricksAccess(options: ProviderOptions = {}): DatabricksAccess {
  const config = options.config;
  const transport = options.transport ?? transportFor("databricks", config?.databricks, config);
  return {
    transport,
    resolveAuth: (env = options.env ?? process.env) =>
      resolveDatabricksAuth({
        env,
        transport,
        ...(options.home ? { home: options.home } : {}),
        ...(config?.databricks?.profile ? { profile: config.databricks.profile } : {}),
        ...(options.secrets ? { secrets: options.secrets } : {}),
      }),
  };
}

/**
 * Checks that every model's credentials are present, before a run starts.
 * Throws one CredentialsError naming every missing variable.
 */
export async function checkCredentials(modelIds: readonly string[], options: ProviderOptions = {}): Promise<void> {
  const problems: CredentialsError[] = [];
  for (const modelId of new Set(modelIds)) {
    try {
      await createProvider(modelId, options).prepare?.();
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      if (!problems.some((p) => p.message === error.message)) problems.push(error);
    }
  }
  const [first] = problems;
  if (!first) return;
  if (problems.length === 1) throw first;
  throw new CredentialsError(first.variable, `Missing credentials:\n${problems.map((p) => `  ✖ ${p.message}`).join("\n")}`);
}

/** Runs `fn` now; a failure is kept and rethrown by `get()`, so construction never throws. */
function deferFailure<T>(fn: () => T): { value: T | undefined; get: () => T } {
  try {
    const value = fn();
    return { value, get: () => value };
  } catch (error) {
    return {
      value: undefined,
      get: () => {
        throw error;
      },
    };
  }
}
