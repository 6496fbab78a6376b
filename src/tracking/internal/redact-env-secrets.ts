import type { Env } from "../connection.js";

/** Variable names that hold credentials by convention (OPENAI_API_KEY, DATABRICKS_TOKEN, ...). */
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;
/** Shorter values ("1", "true") would redact ordinary text. */
const MIN_SECRET_LENGTH = 8;

export type Redactor = <T>(value: T) => T;

/**
 * Replaces every credential value found in the environment with "[redacted]"
 * in all strings of a JSON value. Everything sent to MLflow passes through it:
 * a pipeline that echoes its key into an output must not publish it.
 */
export function createEnvSecretRedactor(env: Env): Redactor {
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
  const redactText = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return redactText(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k), walk(v)]));
    return value;
  };
  return <T>(value: T): T => (secrets.length === 0 ? value : (walk(value) as T));
}
