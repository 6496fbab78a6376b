import type { HandlerResult, RouteContext, Standin } from "./server.js";

/** Databricks OAuth machine-to-machine: client credentials exchanged for a bearer token. */
export function registerOidc(standin: Standin): void {
  let issued = 0;
  const errorBody = (_status: number, message: string) => ({ error: "invalid_client", error_description: message });

  standin.route(
    "POST",
    "/oidc/v1/token",
    (ctx: RouteContext): HandlerResult => {
      const form = (ctx.request.body ?? {}) as Record<string, string>;
      if (form.grant_type !== "client_credentials") {
        return { status: 400, json: { error: "unsupported_grant_type", error_description: `grant_type ${form.grant_type}` } };
      }
      const client = basicCredentials(ctx.request.headers.authorization);
      const clients = ctx.standin.options.oauthClients ?? {};
      if (!client || clients[client.id] === undefined || clients[client.id] !== client.secret) {
        return { status: 401, json: errorBody(401, "Client authentication failed") };
      }
      const token = `oauth-token-${++issued}`;
      ctx.standin.issueToken(token);
      return {
        json: {
          access_token: token,
          token_type: "Bearer",
          expires_in: ctx.standin.options.tokenLifetimeSeconds ?? 3600,
          scope: form.scope ?? "all-apis",
        },
      };
    },
    { errorBody },
  );
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice("Basic ".length), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}
