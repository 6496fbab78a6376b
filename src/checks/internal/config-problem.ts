import { ConfigError } from "../../errors.js";

/**
 * A problem in one check's config, located by its field (`pattern`,
 * `schema_file`); createChecks prefixes the path with `checks[<index>].`.
 */
export function configProblem(field: string, message: string, cause?: unknown): ConfigError {
  return new ConfigError(undefined, [{ path: field, message }], cause === undefined ? {} : { cause });
}
