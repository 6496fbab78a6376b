import { createHash } from "node:crypto";
import { mapConfigPaths, relativeToConfig, type ResolvedConfig } from "./resolve.js";

/** JSON with object keys sorted at every level, so equal configs serialise identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 of the resolved config. Paths are hashed relative to the config file
 * and the file's own location is left out, so the same suite checked out in
 * two places (a laptop and CI) has the same hash; key order never matters.
 * `concurrency` is left out too: it changes how fast trials run, not what
 * they do, so a resume may change it. The contents of the files the config
 * names are hashed separately (suite-files.ts), so an edit can be named.
 */
export function configHash(config: ResolvedConfig): string {
  const { configFile: _file, configDir: _dir, concurrency: _concurrency, datasetSources: _lines, ...portable } = mapConfigPaths(config, (path) =>
    relativeToConfig(config, path),
  );
  return createHash("sha256").update(canonicalJson(portable)).digest("hex");
}
