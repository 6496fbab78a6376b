/**
 * `${ENV_VAR}` interpolation for header values. Missing variables are
 * returned by name (never with any value) so the caller can raise one
 * CredentialsError listing them all.
 */
const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface InterpolationResult {
  values: Record<string, string>;
  missing: string[];
}

export function interpolateEnv(templates: Record<string, string>, env: Record<string, string | undefined>): InterpolationResult {
  const missing = new Set<string>();
  const values: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    values[name] = template.replace(ENV_REFERENCE, (_match, variable: string) => {
      const value = env[variable];
      if (value === undefined || value === "") missing.add(variable);
      return value ?? "";
    });
  }
  return { values, missing: [...missing] };
}
