import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CredentialsError } from "../../errors.js";

/** The keys evalgate reads from a ~/.databrickscfg profile. */
export interface DatabricksProfile {
  host?: string;
  token?: string;
  client_id?: string;
  client_secret?: string;
}

const PROFILE_KEYS = ["host", "token", "client_id", "client_secret"] as const;

/** Sections of an INI file as key/value records (comments and unknown keys tolerated). */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = {};
      sections.set(header[1]!.trim(), current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq > 0 && current) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

export function databricksConfigPath(home: string, configFile?: string): string {
  return configFile ?? join(home, ".databrickscfg");
}

/**
 * One profile from the Databricks CLI config file. A missing file or profile
 * is undefined when the profile was only the default, and an error when the
 * user named it (they expect it to exist).
 */
export function readDatabricksProfile(path: string, profile: string, named: boolean): DatabricksProfile | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" || !named) return undefined;
    throw new CredentialsError("DATABRICKS_CONFIG_PROFILE", `Databricks profile "${profile}" was requested but ${path} does not exist.`);
  }
  const section = parseIni(text).get(profile);
  if (!section) {
    if (!named) return undefined;
    throw new CredentialsError("DATABRICKS_CONFIG_PROFILE", `No [${profile}] profile in ${path}. Add it, or set DATABRICKS_CONFIG_PROFILE to an existing one.`);
  }
  const found: DatabricksProfile = {};
  for (const key of PROFILE_KEYS) if (section[key]) found[key] = section[key];
  return found;
}
