export type { Env } from "./env.js";
export { requireApiKey } from "./api-key.js";
export { resolveDatabricksAuth, type DatabricksAuth, type DatabricksAuthOptions } from "./databricks-auth.js";
export { createOAuthTokenSource, type OAuthClientCredentials, type TokenSource } from "./databricks-oauth.js";
export { parseIni, readDatabricksProfile, type DatabricksProfile } from "./databrickscfg.js";
