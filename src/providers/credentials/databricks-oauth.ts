import type { SecretSink } from "../../secrets/index.js";
import { MalformedResponseError } from "../errors.js";
import type { Transport } from "../transport.js";

/** Refresh this long before the server says a token expires, so no call carries a dying token. */
const REFRESH_MARGIN_MS = 60_000;

export interface OAuthClientCredentials {
  host: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenSource {
  token(signal?: AbortSignal): Promise<string>;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
}

/**
 * Databricks OAuth machine-to-machine: client credentials are exchanged at
 * {host}/oidc/v1/token for a bearer token, which is reused until shortly
 * before it expires. Concurrent callers share one exchange.
 */
export function createOAuthTokenSource(
  client: OAuthClientCredentials,
  transport: Transport,
  now: () => number = Date.now,
  secrets?: SecretSink,
): TokenSource {
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const exchange = async (signal?: AbortSignal): Promise<string> => {
    const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64");
    secrets?.add("DATABRICKS_CLIENT_SECRET", basic);
    const response = await transport.request<TokenResponse>({
      url: `${client.host}/oidc/v1/token`,
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "all-apis" }),
      ...(signal ? { signal } : {}),
    });
    const { access_token: token, expires_in: expiresIn } = response.body ?? {};
    if (typeof token !== "string" || token === "") {
      throw new MalformedResponseError(
        { status: response.status, endpoint: `${client.host}/oidc/v1/token` },
        "The Databricks token endpoint answered without an access_token.",
      );
    }
    secrets?.add("DATABRICKS_OAUTH_TOKEN", token);
    const lifetimeMs = typeof expiresIn === "number" && expiresIn > 0 ? expiresIn * 1000 : 3_600_000;
    // Short-lived tokens refresh at half-life rather than the fixed margin.
    current = { token, refreshAt: now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return token;
  };

  return {
    async token(signal) {
      if (current && now() < current.refreshAt) return current.token;
      pending ??= exchange(signal).finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
