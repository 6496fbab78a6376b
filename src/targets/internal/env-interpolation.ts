/**
 * `${ENV_VAR}` interpolation for header values. Missing variables are
 * returned by name (never with any value) so the caller can raise one
 * CredentialsError listing them all; the values used, and the headers built
 * from them, are returned as secrets to keep out of messages, and each value
 * by its variable's name for the run's redactor.
 */
const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface InterpolationResult {
  values: Record<string, string>;
  missing: string[];
  /** Every substituted variable value and every value that used one. */
  secrets: string[];
  /** Each substituted variable's value by name (names are not secret; they label redactions). */
  variables: Record<string, string>;
}

export function interpolateEnv(templates: Record<string, string>, env: Record<string, string | undefined>): InterpolationResult {
  const missing = new Set<string>();
  const secrets = new Set<string>();
  const values: Record<string, string> = {};
  const variables: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    let substituted = false;
    values[name] = template.replace(ENV_REFERENCE, (_match, variable: string) => {
      const value = env[variable];
      substituted = true;
      if (value === undefined || value === "") missing.add(variable);
      else {
        secrets.add(value);
        variables[variable] = value;
      }
      return value ?? "";
    });
    if (substituted) secrets.add(values[name] as string);
  }
  return { values, missing: [...missing], secrets: [...secrets], variables };
}
