import type { TrackingConfig } from "../config/index.js";
import { EvalgateError } from "../errors.js";
import { resolveDatabricksAuth } from "../providers/index.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** Where and how to reach an MLflow tracking server. */
export interface MlflowConnection {
  kind: "oss" | "databricks";
  /** Origin plus any path prefix, no trailing slash, no credentials. */
  baseUrl: string;
  /** Headers for the tracking server only: never sent to signed artifact URLs. */
  authHeaders(): Promise<Record<string, string>>;
}

/** Resolves Databricks workspace auth for a profile (undefined: the default one). */
export type DatabricksAuthResolver = (profile: string | undefined, env: Env) => Promise<{ host: string; headers(): Promise<Record<string, string>> }>;

export interface SuiteTracking {
  /** The suite file, named in messages that ask for a change to it. */
  file: string;
  tracking: TrackingConfig | undefined;
}

export interface ResolveConnectionInput {
  /** Highest precedence, e.g. a --tracking-uri flag. */
  trackingUri?: string;
  /** The suite whose `tracking:` block applies; MLFLOW_TRACKING_URI wins over its tracking_uri. */
  suite?: SuiteTracking;
  env: Env;
  databricksAuth?: DatabricksAuthResolver;
}

/**
 * Picks the tracking URI (explicit > MLFLOW_TRACKING_URI > suite config) and
 * its auth: MLFLOW_TRACKING_TOKEN (bearer) or MLFLOW_TRACKING_USERNAME /
 * MLFLOW_TRACKING_PASSWORD (basic) for http(s) servers; workspace auth for
 * `databricks` and `databricks://<profile>`.
 */
export async function resolveMlflowConnection(input: ResolveConnectionInput): Promise<MlflowConnection> {
  const uri = input.trackingUri ?? nonEmpty(input.env.MLFLOW_TRACKING_URI) ?? input.suite?.tracking?.mlflow?.tracking_uri;
  if (!uri) throw new EvalgateError("CONFIG_INVALID", missingUriMessage(input.suite));
  if (uri === "databricks" || uri.startsWith("databricks://")) {
    const profile = uri === "databricks" ? undefined : uri.slice("databricks://".length) || undefined;
    const auth = await (input.databricksAuth ?? defaultDatabricksAuth)(profile, input.env);
    return { kind: "databricks", baseUrl: trimSlash(auth.host), authHeaders: () => auth.headers() };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new EvalgateError("CONFIG_INVALID", `MLflow tracking URI "${redactUserinfo(uri)}" is not a URL. Use http(s)://host:port, "databricks" or "databricks://<profile>".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EvalgateError(
      "CONFIG_INVALID",
      `MLflow tracking URI scheme "${url.protocol}" is not supported: evalgate talks to a tracking server over REST. Start one with \`mlflow server\` and use its http(s):// URL.`,
    );
  }
  const headers = httpAuthHeaders(url, input.env);
  url.username = "";
  url.password = "";
  return { kind: "oss", baseUrl: trimSlash(url.toString()), authHeaders: async () => headers };
}

/** Suggests the suite file only when one applies, and a block that validates (tracking.mlflow needs an experiment too). */
function missingUriMessage(suite: SuiteTracking | undefined): string {
  const example = "e.g. http://127.0.0.1:5000 or databricks";
  if (!suite) return `No MLflow tracking URI: set MLFLOW_TRACKING_URI or pass --tracking-uri (${example}).`;
  const addToSuite = suite.tracking?.mlflow
    ? `add tracking_uri to the tracking.mlflow block of ${suite.file}`
    : `add a tracking.mlflow block with tracking_uri and experiment to ${suite.file}`;
  return `No MLflow tracking URI: set MLFLOW_TRACKING_URI, pass --tracking-uri, or ${addToSuite} (${example}).`;
}

function httpAuthHeaders(url: URL, env: Env): Record<string, string> {
  const token = nonEmpty(env.MLFLOW_TRACKING_TOKEN);
  if (token) return { authorization: `Bearer ${token}` };
  const user = nonEmpty(env.MLFLOW_TRACKING_USERNAME) ?? nonEmpty(decodeURIComponent(url.username));
  const password = nonEmpty(env.MLFLOW_TRACKING_PASSWORD) ?? nonEmpty(decodeURIComponent(url.password));
  if (user && password) return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
  return {};
}

/** Workspace host and auth as the providers layer resolves them: env (PAT or OAuth M2M), then ~/.databrickscfg profiles. */
const defaultDatabricksAuth: DatabricksAuthResolver = async (profile, env) => resolveDatabricksAuth({ env, ...(profile ? { profile } : {}) });

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function redactUserinfo(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, "//[redacted]@");
}
