import { CredentialsError } from "../../errors.js";
import { envValue, type Env } from "./env.js";

/** The key in `variable`, or a CredentialsError telling the user to set it. */
export function requireApiKey(env: Env, variable: string, what: string): string {
  const key = envValue(env, variable);
  if (key) return key;
  throw new CredentialsError(variable, `${what} needs an API key: set ${variable} in the environment (evalgate never reads keys from suite files).`);
}
