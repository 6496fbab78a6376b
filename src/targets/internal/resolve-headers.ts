import { CredentialsError } from "../../errors.js";
import { interpolateEnv } from "./env-interpolation.js";

export interface ResolvedHeaders {
  headers: Record<string, string>;
  /** Values that came from the environment, to keep out of every message. */
  secrets: string[];
  /** The same values by variable name, for the run's redactor. */
  variables: Record<string, string>;
}

/** Header templates with `${VAR}` filled from `env`; a missing variable is a CredentialsError naming it. */
export function resolveHeaders(templates: Record<string, string>, env: Record<string, string | undefined>, where: string): ResolvedHeaders {
  const { values, missing, secrets, variables } = interpolateEnv(templates, env);
  if (missing.length > 0) {
    const names = missing.join(", ");
    const one = missing.length === 1;
    throw new CredentialsError(
      names,
      `${where}: headers reference environment variable${one ? "" : "s"} ${names}, which ${one ? "is" : "are"} not set. Export ${missing.map((name) => `${name}=…`).join(" ")} before running.`,
    );
  }
  return { headers: values, secrets, variables };
}
