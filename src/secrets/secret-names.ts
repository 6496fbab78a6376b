import type { SecretSink } from "./redactor.js";

/** Variable names that hold credentials by convention (OPENAI_API_KEY, DATABRICKS_TOKEN, ...). */
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Feeds `sink` every variable of `env` whose name says it holds a credential.
 * A second layer behind redaction by value: it catches a key the pipeline
 * read for itself, which evalgate never resolved.
 */
export function addSecretsNamedInEnv(sink: SecretSink, env: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(env)) if (looksLikeSecretName(name)) sink.add(name, value);
}
