import { homedir } from "node:os";
import { CredentialsError } from "../../errors.js";
import type { SecretSink } from "../../secrets/index.js";
import { createTransport, type Transport } from "../transport.js";
import { createOAuthTokenSource } from "./databricks-oauth.js";
import { databricksConfigPath, readDatabricksProfile, type DatabricksProfile } from "./databrickscfg.js";
import { envValue, type Env } from "./env.js";

export interface DatabricksAuthOptions {
  env?: Env;
  /** Home directory holding .databrickscfg (tests point it at a temp dir). */
  home?: string;
  /** Profile to read; else DATABRICKS_CONFIG_PROFILE; else DEFAULT. */
  profile?: string;
  /** Carries the OAuth token exchange; a default transport otherwise. */
  transport?: Transport;
  now?: () => number;
  /** Fed the token, client secret and every OAuth access token as they are read or fetched. */
  secrets?: SecretSink;
}

export interface DatabricksAuth {
  /** Workspace URL, https:// and no trailing slash. */
  host: string;
  kind: "pat" | "oauth-m2m";
  /** Headers for one request; OAuth tokens are fetched once and refreshed before expiry. */
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
}

const HOW_TO_SET = [
  "set DATABRICKS_HOST and DATABRICKS_TOKEN,",
  "or DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (OAuth machine-to-machine),",
  "or add host and token to a ~/.databrickscfg profile (DATABRICKS_CONFIG_PROFILE, default DEFAULT)",
].join(" ");

/**
 * Databricks credentials, in the CLI's order: environment variables first,
 * then the config-file profile fills what they leave out. A personal access
 * token wins over OAuth client credentials when both are present.
 */
export function resolveDatabricksAuth(options: DatabricksAuthOptions = {}): DatabricksAuth {
  const env = options.env ?? process.env;
  const named = options.profile ?? envValue(env, "DATABRICKS_CONFIG_PROFILE");
  const profileName = named ?? "DEFAULT";
  const path = databricksConfigPath(options.home ?? envValue(env, "HOME") ?? homedir(), envValue(env, "DATABRICKS_CONFIG_FILE"));
  const fromEnv: DatabricksProfile = {
    host: envValue(env, "DATABRICKS_HOST"),
    token: envValue(env, "DATABRICKS_TOKEN"),
    client_id: envValue(env, "DATABRICKS_CLIENT_ID"),
    client_secret: envValue(env, "DATABRICKS_CLIENT_SECRET"),
  };
  const needsProfile = !fromEnv.host || !(fromEnv.token || (fromEnv.client_id && fromEnv.client_secret));
  const profile = needsProfile || named ? readDatabricksProfile(path, profileName, named !== undefined) : undefined;
  const merged: DatabricksProfile = {
    host: fromEnv.host ?? profile?.host,
    token: fromEnv.token ?? profile?.token,
    client_id: fromEnv.client_id ?? profile?.client_id,
    client_secret: fromEnv.client_secret ?? profile?.client_secret,
  };

  options.secrets?.add("DATABRICKS_TOKEN", merged.token);
  options.secrets?.add("DATABRICKS_CLIENT_SECRET", merged.client_secret);
  if (!merged.host) throw new CredentialsError("DATABRICKS_HOST", `Databricks needs a workspace host: ${HOW_TO_SET}.`);
  const host = normalizeHost(merged.host);
  if (merged.token) {
    const header = { authorization: `Bearer ${merged.token}` };
    return { host, kind: "pat", headers: async () => ({ ...header }) };
  }
  if (merged.client_id && merged.client_secret) {
    const source = createOAuthTokenSource(
      { host, clientId: merged.client_id, clientSecret: merged.client_secret },
      options.transport ?? createTransport(),
      options.now,
      options.secrets,
    );
    return { host, kind: "oauth-m2m", headers: async (signal) => ({ authorization: `Bearer ${await source.token(signal)}` }) };
  }
  const variable = merged.client_id ? "DATABRICKS_CLIENT_SECRET" : "DATABRICKS_TOKEN";
  throw new CredentialsError(variable, `Databricks at ${host} needs credentials: ${HOW_TO_SET}.`);
}

function normalizeHost(host: string): string {
  const withScheme = /^https?:\/\//i.test(host) ? host : `https://${host}`;
  return withScheme.replace(/\/+$/, "");
}
